/** Button looks shared by the app's controls (dark neutral, sky accent, visible focus). */
const focus = 'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400';

export const primaryButton = `rounded-lg bg-sky-700 px-5 py-2.5 font-medium text-white hover:bg-sky-800 disabled:bg-sky-800 disabled:text-neutral-300 ${focus}`;

export const smallButton = `inline-flex items-center justify-center gap-2 rounded-lg px-3 py-1.5 text-sm font-medium ring-1 ring-neutral-700 hover:bg-neutral-800 disabled:text-neutral-500 ${focus}`;

export const dangerButton = `inline-flex items-center justify-center rounded-lg bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-600 disabled:bg-red-900 disabled:text-neutral-300 ${focus}`;

export const summaryStyle = `cursor-pointer rounded-md py-1 text-sm font-medium text-neutral-300 select-none hover:text-neutral-100 ${focus}`;
