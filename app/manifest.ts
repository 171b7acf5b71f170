import type { MetadataRoute } from 'next';

/**
 * The web app manifest (served at /manifest.webmanifest and linked from every page by Next.js): what a phone
 * needs to install Rapport to its home screen and open it like an app, straight to the dashboard, with a
 * long-press shortcut to "Log an event" for the journey home.
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: '/',
    name: 'Rapport',
    short_name: 'Rapport',
    description: 'Log networking events, find people by sector, keep your follow-ups and write the evening up.',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    orientation: 'portrait',
    background_color: '#fafafa',
    theme_color: '#2f5fd0',
    categories: ['business', 'productivity'],
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
    shortcuts: [
      {
        name: 'Log an event',
        short_name: 'Log event',
        description: 'Log the evening you have just been to',
        url: '/events/new',
        icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }],
      },
      { name: 'Follow-ups', url: '/follow-ups' },
    ],
  };
}
