import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Vendor code in long-lived chunks so a console release does not re-download React or antd; ECharts
// is imported only by lazily loaded charts, so its chunk loads with the first page that draws one.
const VENDOR_CHUNKS = [
  { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|cookie|set-cookie-parser)[\\/]/ },
  { name: 'icons', test: /[\\/]node_modules[\\/]@ant-design[\\/]icons(-svg)?[\\/]/ },
  { name: 'antd', test: /[\\/]node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs|@babel[\\/]runtime|@emotion|stylis|classnames|clsx)[\\/]/ },
  { name: 'echarts', test: /[\\/]node_modules[\\/](echarts|zrender|echarts-for-react|size-sensor)[\\/]/ },
];

export default defineConfig({
  plugins: [react()],
  // echarts-for-react imports tslib without declaring it; ours (package.json) is the one it gets.
  resolve: { dedupe: ['tslib'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Earlier groups win, and a group takes its modules' dependencies along: icons before the
          // catch-all antd group, ECharts last so that React stays in its own chunk.
          groups: VENDOR_CHUNKS.map((group, i) => ({ ...group, priority: VENDOR_CHUNKS.length - i })),
        },
      },
    },
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
});
