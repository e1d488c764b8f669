import { describe, expect, it } from 'vitest';
import type { DemoRequest } from './dataset';
import { intakeChannel } from './job-drafts';
import { classifyRequest } from './trade-rules';

function request(category: string, type: string, details = ''): DemoRequest {
  return { id: '1', opened: '2014-04-30T14:51', hours: 12, category, type, details, address: '420 BERRY ST', neighborhood: 'Mission Bay', lat: 37.774, lng: -122.3957, source: 'Voice In' };
}

describe('classifyRequest', () => {
  it('reads sewer back-ups as plumbing emergencies and odours as drain repairs', () => {
    expect(classifyRequest(request('Sewer Issues', 'Sewage_back_up'))).toMatchObject({ trade: 'plumbing', type: 'emergency', priority: 'urgent' });
    const odour = classifyRequest(request('Sewer Issues', 'Odor'));
    expect(odour).toMatchObject({ trade: 'plumbing', type: 'repair' });
    expect(odour?.problems).toContain('Sewer odour at property, inspect drain line and traps');
  });

  it('reads streetlights as electrical work and exposed wiring as an emergency', () => {
    expect(classifyRequest(request('Streetlights', 'Streetlight - Light_Burnt_Out'))).toMatchObject({ trade: 'electrical', type: 'repair' });
    expect(classifyRequest(request('Streetlights', 'Streetlight - Pullbox_Wires_Exposed'))).toMatchObject({ trade: 'electrical', type: 'emergency' });
  });

  it('takes trade and urgency of housing requests from their details and priority', () => {
    expect(classifyRequest(request('SFHA Requests', 'SFHA Priority - Emergency', 'Electricians'))).toMatchObject({ trade: 'electrical', type: 'emergency', venue: 'managed' });
    expect(classifyRequest(request('SFHA Requests', 'SFHA Priority - Urgent', 'Steam Fitters'))).toMatchObject({ trade: 'hvac', type: 'repair', priority: 'high' });
    expect(classifyRequest(request('SFHA Requests', 'SFHA Priority - Preventive', 'Plumbers'))).toMatchObject({ trade: 'plumbing', type: 'maintenance', priority: 'low' });
  });

  it('turns cleaning requests into HVAC maintenance and customer callbacks into callbacks', () => {
    expect(classifyRequest(request('Street and Sidewalk Cleaning', 'General Cleaning'))).toMatchObject({ trade: 'hvac', type: 'maintenance' });
    expect(classifyRequest(request('Street and Sidewalk Cleaning', 'Bulky Items', 'Refrigerator'))).toMatchObject({ trade: 'hvac', skills: ['refrigeration'], venue: 'commercial' });
    expect(classifyRequest(request('General Requests', 'dpw - bses - customer_callback'))).toMatchObject({ trade: 'callback', type: 'callback' });
  });

  it('leaves out requests no contractor would get', () => {
    expect(classifyRequest(request('Abandoned Vehicle', 'Abandoned Vehicle - Car4door'))).toBeNull();
    expect(classifyRequest(request('MUNI Feedback', 'MUNI - Conduct_Unsafe_Operation'))).toBeNull();
  });
});

describe('intakeChannel', () => {
  it('maps 311 sources to how customers reach a contractor', () => {
    expect(intakeChannel('Voice In')).toBe('phone');
    expect(intakeChannel('Open311')).toBe('web');
    expect(intakeChannel('Web Self Service')).toBe('web');
    expect(intakeChannel('Twitter')).toBe('web');
    expect(intakeChannel('e-mail In')).toBe('email');
    expect(intakeChannel('Integrated Agency')).toBe('contract');
  });
});
