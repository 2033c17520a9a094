import { useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import { WHEEL_TEXT, finalRotation, labelFontSize, wheelSegments } from "./wheel-geometry";

export type WheelCandidate = { id: number; label: string };

type Props = {
  candidates: WheelCandidate[];
  /** The server's pick (the route posts intent=spin); the wheel only shows it. */
  pickedId: number | null;
  /** Changes on every spin, so the same pick spins again. */
  spinKey: number;
  /** True while the spin is on its way to the server. */
  spinning: boolean;
  /** The Spin button's form. */
  form?: ReactNode;
  /** What the wheel says when there is no candidate left (instead of a wheel and a Spin button). */
  emptyMessage?: string;
};

/** A spin: where the wheel stops, what it picked, whether it gets there by turning (not on first render), and the candidates it was drawn for. */
type Spin = { serial: number; spinKey: number; pickedId: number | null; label: string | null; rotation: number; isAnimated: boolean; idsKey: string };

const TURNS = 5;
/** The CSS transition's length (styles.css, .wheel-rotor). */
const SPIN_MS = 3000;
const WIDTH = 320;
const HEIGHT = 336;
const CENTRE = { x: 160, y: 176 };
const RADIUS = 150;

/** The pick's label and the rotation that shows it, from `previous` turning `turns` times (or as it was when there is no pick). */
function land(candidates: readonly WheelCandidate[], pickedId: number | null, previous: number, turns: number) {
  const at = pickedId === null ? -1 : candidates.findIndex((c) => c.id === pickedId);
  if (at === -1) return { label: null, rotation: previous, isFound: false };
  return { label: candidates[at]!.label, rotation: finalRotation(previous, at, candidates.length, turns), isFound: true };
}

/**
 * The wheel that picks the next COE (or team) to present. The server chooses; this turns the wheel
 * so the choice stops under the pointer — several turns over about three seconds, or at once for
 * people who ask for reduced motion — and then says what it picked.
 */
export function Wheel({ candidates, pickedId, spinKey, spinning, form, emptyMessage = "Every COE on the agenda has been presented." }: Props) {
  const prefersReducedMotion = usePrefersReducedMotion();
  const idsKey = candidates.map((c) => c.id).join(",");
  const [spin, setSpin] = useState<Spin>(() => {
    // A pick already made when the page loads (after a spin without JavaScript) is shown where it stopped.
    const { label, rotation } = land(candidates, pickedId, 0, 0);
    return { serial: 0, spinKey, pickedId, label, rotation, isAnimated: false, idsKey };
  });
  const [landedSerial, setLandedSerial] = useState(-1);

  // State that follows props, adjusted while rendering (React's pattern for it). A new spin from the
  // server turns the wheel; new candidates (the agenda reordered) turn it on just enough to keep the
  // pick under the pointer.
  if (spin.spinKey !== spinKey || spin.pickedId !== pickedId) {
    const { label, rotation, isFound } = land(candidates, pickedId, spin.rotation, TURNS);
    setSpin({ serial: spin.serial + 1, spinKey, pickedId, label, rotation, isAnimated: isFound, idsKey });
  } else if (spin.idsKey !== idsKey) {
    setSpin({ ...spin, rotation: land(candidates, pickedId, spin.rotation, 0).rotation, idsKey });
  }

  const hasLanded = !spin.isAnimated || prefersReducedMotion || landedSerial === spin.serial;

  // transitionend is the signal; this is the fallback when it never fires (a background tab, a transition cut short).
  useEffect(() => {
    if (!spin.isAnimated || prefersReducedMotion) return;
    const timer = window.setTimeout(() => setLandedSerial(spin.serial), SPIN_MS + 300);
    return () => window.clearTimeout(timer);
  }, [spin.serial, spin.isAnimated, prefersReducedMotion]);

  const status = spin.label !== null && hasLanded ? `Picked: ${spin.label}` : spinning || !hasLanded ? "Spinning…" : "";
  const labels = candidates.map((c) => c.label);
  const segments = wheelSegments(labels, CENTRE, RADIUS);
  const fontSize = labelFontSize(candidates.length, RADIUS);

  return (
    <div className="wheel">
      {candidates.length === 0 ? (
        <p className="empty">{emptyMessage}</p>
      ) : (
        <>
          <svg
            className="wheel-svg"
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            role="img"
            aria-label={`A wheel of ${candidates.length === 1 ? "1 candidate" : `${candidates.length} candidates`}: ${labels.join(", ")}`}
          >
            <g
              className="wheel-rotor"
              style={{ transform: `rotate(${spin.rotation}deg)`, transformOrigin: `${CENTRE.x}px ${CENTRE.y}px` }}
              onTransitionEnd={(event) => {
                if (event.target === event.currentTarget && event.propertyName === "transform") setLandedSerial(spin.serial);
              }}
            >
              {segments.map((segment) => (
                <g key={candidates[segment.index]!.id}>
                  <title>{labels[segment.index]}</title>
                  <path d={segment.path} fill={segment.fill} stroke="#ffffff" strokeWidth="2" />
                  <text
                    x={segment.label.x}
                    y={segment.label.y}
                    transform={`rotate(${segment.label.rotate} ${segment.label.x} ${segment.label.y})`}
                    textAnchor={segment.label.anchor}
                    dominantBaseline="central"
                    fill={WHEEL_TEXT}
                    fontSize={fontSize}
                    fontWeight="600"
                  >
                    {segment.label.text}
                  </text>
                </g>
              ))}
            </g>
            <circle cx={CENTRE.x} cy={CENTRE.y} r={RADIUS} fill="none" stroke="#1b1f24" strokeWidth="3" />
            <circle cx={CENTRE.x} cy={CENTRE.y} r="16" fill="#ffffff" stroke="#1b1f24" strokeWidth="3" />
            <path
              className="wheel-pointer"
              d={`M ${CENTRE.x - 15} 4 L ${CENTRE.x + 15} 4 L ${CENTRE.x} 38 Z`}
              fill="#1b1f24"
              stroke="#ffffff"
              strokeWidth="2"
            />
          </svg>
          {form}
        </>
      )}
      <p className="wheel-status" role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}

const REDUCED_MOTION = "(prefers-reduced-motion: reduce)";
const subscribeToReducedMotion = (onChange: () => void) => {
  const query = window.matchMedia(REDUCED_MOTION);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
};

/** Whether the viewer asks for less motion (false on the server, where nothing moves anyway). */
function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(
    subscribeToReducedMotion,
    () => window.matchMedia(REDUCED_MOTION).matches,
    () => false,
  );
}
