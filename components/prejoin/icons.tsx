/** Small stroke icons (24×24 grid), decorative: the controls carry their own labels. */
import { Icon as Svg } from '@/components/icons/Icon';

export function MicIcon({ off = false, className }: { off?: boolean; className?: string }) {
  return (
    <Svg className={className}>
      <rect x="9" y="3" width="6" height="11" rx="3" />
      <path d="M5 11a7 7 0 0 0 14 0M12 18v3" />
      {off && <path d="M3 3l18 18" />}
    </Svg>
  );
}

export function CameraIcon({ off = false, className }: { off?: boolean; className?: string }) {
  return (
    <Svg className={className}>
      <rect x="3" y="6" width="13" height="12" rx="2" />
      <path d="M16 10.5l5-3v9l-5-3" />
      {off && <path d="M3 3l18 18" />}
    </Svg>
  );
}

export function LinkIcon({ className }: { className?: string }) {
  return (
    <Svg className={className}>
      <path d="M10 14a4 4 0 0 0 5.66 0l3-3a4 4 0 0 0-5.66-5.66l-1 1" />
      <path d="M14 10a4 4 0 0 0-5.66 0l-3 3a4 4 0 0 0 5.66 5.66l1-1" />
    </Svg>
  );
}

export function PersonIcon({ className }: { className?: string }) {
  return (
    <Svg className={className}>
      <circle cx="12" cy="8" r="4" />
      <path d="M4 21a8 8 0 0 1 16 0" />
    </Svg>
  );
}
