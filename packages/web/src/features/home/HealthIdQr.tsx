// The card's QR code, drawn as SVG from the symbol's modules on a white square with its quiet zone, so
// it scans from the screen in any colour scheme. It leads only to the find-a-patient page.
import { useMemo } from 'react';
import { darkRuns, findPatientUrl, qrModules } from './health-id-qr.ts';

const QUIET_ZONE = 4;

export function HealthIdQr({ healthId, size = 112 }: { healthId: string; size?: number }) {
  const modules = useMemo(() => qrModules(findPatientUrl(window.location.origin, healthId)), [healthId]);
  const side = modules.length + 2 * QUIET_ZONE;
  const path = darkRuns(modules)
    .map(([row, col, length]) => `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h${length}v1h-${length}z`)
    .join('');
  return (
    <svg
      role="img"
      aria-label="QR code to find you in MedConnect"
      width={size}
      height={size}
      viewBox={`0 0 ${side} ${side}`}
      shapeRendering="crispEdges"
      className="app-health-card-qr"
      style={{ flexShrink: 0 }}
    >
      <rect width={side} height={side} rx={2} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
