import { useHydrated } from "~/components/ui/use-hydrated";

/** Presenting mode on the whole screen (and back), where the browser allows it; nothing before the page is interactive. */
export function FullScreenButton() {
  const isHydrated = useHydrated();
  if (!isHydrated || !document.fullscreenEnabled) return null;
  const toggle = () => void (document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen());
  return (
    <button type="button" className="button" onClick={toggle}>
      Full screen
    </button>
  );
}
