// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // mediasoup (native worker), pino and socket.io live in the custom server, never in a bundle.
  serverExternalPackages: ['mediasoup', 'pino', 'socket.io'],
};

module.exports = nextConfig;
