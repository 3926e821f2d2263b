// Applies the saved theme before the first paint (a separate file: the CSP allows no inline script).
try {
  const theme = localStorage.getItem('fklint-theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch {
  /* storage may be disabled */
}
