/** `navigator.onLine` as reactive state for a component's lifetime (call during init). */
export function useOnline(): { readonly online: boolean } {
  let online = $state(typeof navigator === 'undefined' || navigator.onLine);
  $effect(() => {
    const up = () => (online = true);
    const down = () => (online = false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  });
  return {
    get online() {
      return online;
    }
  };
}
