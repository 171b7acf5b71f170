import type { Metadata, Viewport } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Rapport', template: '%s · Rapport' },
  description: 'Log networking events, find people by sector, keep your follow-ups and write the evening up.',
  applicationName: 'Rapport',
  // Opened from the home screen on iOS, Rapport runs full screen like an app (the manifest does this elsewhere).
  appleWebApp: { capable: true, title: 'Rapport', statusBarStyle: 'default' },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#fafafa' },
    { media: '(prefers-color-scheme: dark)', color: '#09090b' },
  ],
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    // The service worker marks a page it serves from its offline copy with data-offline-copy on <html>.
    <html lang="en-GB" suppressHydrationWarning>
      <body className="min-h-dvh">{children}</body>
    </html>
  );
}
