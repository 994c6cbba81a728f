"""What the presentation tests (test_presentation_rgaa.py) run in the page.

Each constant is a JavaScript arrow function for ``page.evaluate``; ``COLOURS``
holds the helpers they share (WCAG contrast of two computed colours, the
background a box is painted on).
"""

COLOURS = """
    const channels = (colour) => (colour.match(/[\\d.]+/g) || []).map(Number);
    const opaque = (colour) => {
        const c = channels(colour);
        return c.length >= 3 && (c.length < 4 || c[3] > 0);
    };
    const luminance = (colour) => {
        const [r, g, b] = channels(colour).slice(0, 3).map(v => {
            v /= 255;
            return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a, b) => {
        const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
        return (high + 0.05) / (low + 0.05);
    };
    // The colour a box is painted on: its own or its nearest ancestor's background.
    const backgroundOf = (el) => {
        for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
            const colour = getComputedStyle(node).backgroundColor;
            if (opaque(colour)) return colour;
        }
        return null;
    };
"""

# Elements that take the focus by the keyboard.
FOCUSABLE = (
    "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), "
    "select:not([disabled]), textarea:not([disabled]), summary, [tabindex]"
)

# The focus ring of every focusable element before any has the focus.
RECORD_UNFOCUSED = """(selector) => {
    document.activeElement.blur();
    document.querySelectorAll(selector).forEach(el => {
        const s = getComputedStyle(el);
        el.dataset.unfocusedRing = [s.outlineStyle, s.outlineWidth, s.outlineColor,
            s.boxShadow].join('|');
    });
}"""

# The focused element: its ring now and before, and the ring's best contrast
# with what is around it (outline and box-shadow, against the parent's background).
FOCUS_RING = (
    """() => {"""
    + COLOURS
    + """
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    if (!el.dataset.tabStop) el.dataset.tabStop = String(Math.random());
    const s = getComputedStyle(el);
    const around = backgroundOf(el.parentElement) || 'rgb(255, 255, 255)';
    const shadow = s.boxShadow === 'none' ? null : s.boxShadow.match(/rgba?\\([^)]*\\)/);
    const spread = s.boxShadow === 'none' ? 0
        : Math.max(...(s.boxShadow.match(/-?[\\d.]+px/g) || ['0px']).map(parseFloat));
    const outline = s.outlineStyle !== 'none' ? parseFloat(s.outlineWidth) : 0;
    const ratios = [];
    if (outline) ratios.push(contrast(s.outlineColor, around));
    if (shadow && spread) ratios.push(contrast(shadow[0], around));
    return {
        stop: el.dataset.tabStop,
        what: el.outerHTML.slice(0, 120),
        changed: el.dataset.unfocusedRing !== [s.outlineStyle, s.outlineWidth, s.outlineColor,
            s.boxShadow].join('|'),
        width: Math.max(outline, spread),
        contrast: Math.max(0, ...ratios),
    };
}"""
)

# Text that is cut (a box hiding what overflows it), text over other text, and a
# page wider than the window.
TEXT_INTACT = """() => {
    const problems = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) {
        problems.push(`défilement horizontal : ${root.scrollWidth} > ${root.clientWidth}`);
    }
    const skip = 'svg, script, style, .visually-hidden, [data-figure]';
    // Read but not shown (.visually-hidden, or a stacked table's header row): clipped
    // to nothing on purpose.
    const clippedAway = (el) => {
        for (let node = el; node; node = node.parentElement) {
            if (getComputedStyle(node).clip === 'rect(0px, 0px, 0px, 0px)') return true;
        }
        return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
        if (el.closest(skip) || !el.textContent.trim() || !el.checkVisibility()) continue;
        if (clippedAway(el)) continue;
        const s = getComputedStyle(el);
        const cutsX = ['hidden', 'clip'].includes(s.overflowX);
        const cutsY = ['hidden', 'clip'].includes(s.overflowY);
        if ((cutsX && el.scrollWidth > el.clientWidth + 1)
            || (cutsY && el.scrollHeight > el.clientHeight + 1)) {
            problems.push(`texte coupé : ${el.outerHTML.slice(0, 100)}`);
        }
    }
    const lines = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(), n = 0; node; node = walker.nextNode(), n++) {
        const parent = node.parentElement;
        if (!node.textContent.trim() || parent.closest(skip) || !parent.checkVisibility()
            || clippedAway(parent)) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) {
            if (r.width > 1 && r.height > 1) {
                lines.push({n, text: node.textContent.trim().slice(0, 40), left: r.left,
                    right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY});
            }
        }
    }
    lines.sort((a, b) => a.top - b.top);
    for (let i = 0; i < lines.length; i++) {
        for (let j = i + 1; j < lines.length && lines[j].top < lines[i].bottom - 2; j++) {
            const a = lines[i], b = lines[j];
            const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (a.n !== b.n && across > 2 && down > 2) {
                problems.push(`textes superposés : « ${a.text} » et « ${b.text} »`);
            }
        }
    }
    return problems;
}"""

# WCAG 1.4.12's text spacing, as a reader's own stylesheet would set it.
TEXT_SPACING = """
    * { line-height: 1.5 !important; letter-spacing: 0.12em !important;
        word-spacing: 0.16em !important; }
    p { margin-bottom: 2em !important; }
"""

# The words a reader sees, with the page's stylesheets and then without any.
WORDS_WITH_AND_WITHOUT_CSS = """() => {
    // The page's text (a chart's drawing is an image, with its own text alternative).
    const words = () => {
        const found = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const el = node.parentElement;
            if (el.closest('svg, script, style, template') || !el.checkVisibility()) continue;
            found.push(...node.textContent.split(/\\s+/).filter(Boolean));
        }
        return found;
    };
    const shown = words();
    const headings = () => [...document.querySelectorAll('main h1, main h2, main h3')]
        .map(h => h.textContent.trim());
    const styledHeadings = headings();
    for (const sheet of document.styleSheets) sheet.disabled = true;
    const bare = words();
    const bareHeadings = headings().filter(h => h);
    for (const sheet of document.styleSheets) sheet.disabled = false;
    return {shown, bare, styledHeadings, bareHeadings};
}"""

# Headings of the main content where the stylesheet puts them: top to bottom, then
# left to right, they must come in the order of the page's source.
HEADINGS_IN_SOURCE_ORDER = """() => {
    const boxes = [...document.querySelectorAll('main h1, main h2, main h3')]
        .filter(h => h.checkVisibility())
        .map(h => ({text: h.textContent.trim().slice(0, 60), box: h.getBoundingClientRect()}));
    const misplaced = [];
    for (let i = 1; i < boxes.length; i++) {
        const before = boxes[i - 1].box, after = boxes[i].box;
        const sameRow = Math.abs(after.top - before.top) < 2;
        if (after.top < before.top - 2 || (sameRow && after.left < before.left)) {
            misplaced.push(`${boxes[i].text} avant ${boxes[i - 1].text}`);
        }
    }
    return misplaced;
}"""

# What the stylesheet hides on a wide screen: its text, to be compared with what
# may be hidden (closed disclosures are the reader's choice and are left out).
HIDDEN_BY_CSS = """() => [...document.body.querySelectorAll('*')]
    .filter(el => !el.closest('svg, script, style, template, [hidden]')
        && !el.closest('details:not([open]) > :not(summary)')
        && getComputedStyle(el).display === 'none'
        && !(el.parentElement && getComputedStyle(el.parentElement).display === 'none'))
    .map(el => ({className: el.className, text: el.textContent.trim()}))
    .filter(el => el.text)"""

# What assistive technologies skip (aria-hidden, display: none, visibility: hidden)
# must hold nothing a keyboard reaches; visually hidden text must be there to be read.
HIDDEN_CONTENT = """(selector) => {
    const reachable = [...document.querySelectorAll(selector)]
        .filter(el => el.tabIndex >= 0 && el.checkVisibility({visibilityProperty: true}));
    const hiddenFocusable = reachable
        .filter(el => el.closest('[aria-hidden=true], [hidden]'))
        .map(el => el.outerHTML.slice(0, 100));
    const mutedTexts = [...document.querySelectorAll('.visually-hidden')]
        .filter(el => !el.textContent.trim() || el.closest('[aria-hidden=true]'))
        .map(el => el.outerHTML.slice(0, 100));
    return {hiddenFocusable, mutedTexts, reachable: reachable.length};
}"""

# Every visible piece of text: its colour and the background it is painted on
# (none means the canvas, whose colour the stylesheet did not declare).
TEXT_COLOURS = (
    """() => {"""
    + COLOURS
    + """
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!node.textContent.trim() || el.closest('svg, script, style, .visually-hidden')
            || !el.checkVisibility({visibilityProperty: true})) continue;
        const colour = getComputedStyle(el).color;
        const background = backgroundOf(el);
        found.push({text: node.textContent.trim().slice(0, 40), colour, background,
            ratio: background ? contrast(colour, background) : 0});
    }
    return found;
}"""
)
