// PostCSS for Mantine: its mixins (light/dark, breakpoints) and rem() in the app's CSS modules.
module.exports = {
  plugins: {
    'postcss-preset-mantine': {},
  },
};
