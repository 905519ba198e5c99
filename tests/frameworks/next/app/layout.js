// The smallest App Router app that uses smart-invite everywhere Next.js runs code, with no
// next.config: a server component, a route handler, a server action and a client component
// (tests/frameworks/next.test.mjs builds it with Turbopack and with webpack).
export const metadata = { title: "smart-invite in Next.js" };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
