// @ts-check
// This config file is CommonJS (the package has no "type": "module"), so the plugin is required.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const createNextIntlPlugin = require('next-intl/plugin');

/** next-intl without locale prefixes: each request's language is chosen in lib/i18n/request.ts. */
const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // mediasoup (native worker), pino and socket.io live in the custom server, never in a bundle;
  // the database drivers (native better-sqlite3, pg) are loaded from node_modules too.
  serverExternalPackages: ['mediasoup', 'pino', 'socket.io', 'better-sqlite3', 'pg'],
  // Server actions are accepted only from this site's own origin (Origin must match Host): that is
  // their CSRF protection, so leave experimental.serverActions.allowedOrigins unset.
};

module.exports = withNextIntl(nextConfig);
