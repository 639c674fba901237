// The contrast hint under a village colour picker (villages/widgets.py, ColourInput), kept
// current while the operator picks. The same WCAG 2.1 arithmetic as villages/colours.py; the
// server has written the hint for the value shown, and refuses an unreadable colour on save.
(() => {
  "use strict";

  const WHITE = "#ffffff";
  const DARK_TEXT = "#1a1a1a";
  const AA_NORMAL_TEXT = 4.5;

  const luminance = (colour) => {
    const linear = [1, 3, 5].map((i) => {
      const c = parseInt(colour.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
  };

  const contrast = (first, second) => {
    const [lighter, darker] = [luminance(first), luminance(second)].sort((a, b) => b - a);
    return (lighter + 0.05) / (darker + 0.05);
  };

  // Cut, not rounded: 4.46 fails AA and must not read as 4.5.
  const ratioText = (ratio, decimal) => (Math.floor(ratio * 10) / 10).toFixed(1).replace(".", decimal);

  const update = (input, hint) => {
    const colour = input.value.toLowerCase();
    if (!/^#[0-9a-f]{6}$/.test(colour)) return;
    const onWhite = contrast(colour, WHITE);
    const onDark = contrast(colour, DARK_TEXT);
    const ratio = Math.max(onWhite, onDark);
    const low = ratio < AA_NORMAL_TEXT;
    const data = hint.dataset;
    let template = data.low;
    if (!low) template = onWhite >= onDark ? data.okWhite : data.okDark;
    hint.textContent = template
      .replace("{ratio}", ratioText(ratio, data.decimal))
      .replace("{white}", ratioText(onWhite, data.decimal));
    hint.classList.toggle("colour-contrast--low", low);
  };

  const wire = (root) => {
    root.querySelectorAll("input[type=color][data-contrast-hint]").forEach((input) => {
      const hint = document.getElementById(input.dataset.contrastHint);
      if (!hint || input.dataset.contrastWired) return;
      input.dataset.contrastWired = "1";
      input.addEventListener("input", () => update(input, hint));
    });
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => wire(document));
  } else {
    wire(document);
  }
})();
