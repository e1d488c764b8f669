/**
 * The top bar's title when a page names something more specific than its section (a job, a
 * customer): "J-B7K2-0042 · Rossi & Sons" instead of "Fieldboard". Pages set it with
 * `usePageTitle`; it clears itself when the page goes away.
 */
class PageTitle {
  /** The current page's own title, or null to show the section's name. */
  value = $state<string | null>(null);
}

export const pageTitle = new PageTitle();

/** Call during a page component's initialisation: keeps the top bar's title in step with `title()`. */
export function usePageTitle(title: () => string | null): void {
  $effect(() => {
    const current = title();
    pageTitle.value = current;
    return () => {
      // A page that took over meanwhile keeps its own title.
      if (pageTitle.value === current) pageTitle.value = null;
    };
  });
}
