import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

const nextConfig: NextConfig = {
  allowedDevOrigins: ["127.0.0.1"],
  poweredByHeader: false,
  // Loaded from node_modules at run time, never bundled: the classifier's backend
  // must find its .wasm files next to its own code.
  // ffmpeg/ffprobe: the installers resolve their binaries next to their own code.
  serverExternalPackages: ["@tensorflow/tfjs", "@tensorflow/tfjs-backend-wasm", "nsfwjs", "@ffmpeg-installer/ffmpeg", "@ffprobe-installer/ffprobe"],
};

export default withNextIntl(nextConfig);
