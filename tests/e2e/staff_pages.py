"""What Chromium makes of a page, for the RGAA tests: accessible names from its own
accessibility tree (through the DevTools protocol), form fields and their labels,
and the page's tab stops, pressed one by one."""

# What a sighted user reads on an element (its label for a field), visually hidden
# words left out, and whether it is in <main>.
SEEN = """function () {
    const target = this.labels && this.labels.length ? this.labels[0] : this;
    const copy = target.cloneNode(true);
    copy.querySelectorAll('.visually-hidden, [aria-hidden=true], input, select')
        .forEach(el => el.remove());
    return {
        id: this.id,
        inMain: !!this.closest('main'),
        seen: copy.textContent.replace(/\\s+/g, ' ').trim(),
    };
}"""

# The roles of form fields in Chromium's accessibility tree.
FIELD_ROLES = {
    "textbox",
    "checkbox",
    "radio",
    "combobox",
    "spinbutton",
    "searchbox",
    "date",
    "DateTime",
    "Date",
}


def accessible_names(page, roles: set[str] | str) -> list[dict]:
    """Each element of ``roles`` in Chromium's accessibility tree, in the page's order:
    its role, its computed name and what SEEN says of it."""
    roles = {roles} if isinstance(roles, str) else roles
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.getDocument", {"depth": -1})
        found = []
        for node in cdp.send("Accessibility.getFullAXTree")["nodes"]:
            role = node.get("role", {}).get("value")
            if node.get("ignored") or role not in roles:
                continue
            handle = cdp.send("DOM.resolveNode", {"backendNodeId": node["backendDOMNodeId"]})
            seen = cdp.send(
                "Runtime.callFunctionOn",
                {
                    "objectId": handle["object"]["objectId"],
                    "functionDeclaration": SEEN,
                    "returnByValue": True,
                },
            )["result"]["value"]
            found.append({"role": role, "name": node.get("name", {}).get("value", ""), **seen})
        return found
    finally:
        cdp.detach()


# The page's visible fields (ids), as the DOM has them.
VISIBLE_FIELDS = """() => [...document.querySelectorAll('input, select, textarea')]
    .filter(el => el.type !== 'hidden' && el.checkVisibility({visibilityProperty: true}))
    .map(el => el.id)"""


def check_field_labels(page, path: str) -> int:
    """Every visible field has a label of its own: a name, unique on the page, which
    contains its label's visible text (RGAA 11.2). Returns how many were checked."""
    visible = page.evaluate(VISIBLE_FIELDS)
    assert all(visible), f"{path} : un champ sans id"
    fields = {field["id"]: field for field in accessible_names(page, FIELD_ROLES)}
    assert set(visible) <= set(fields), f"{path} : {set(visible) - set(fields)}"
    names = []
    for field_id in visible:
        field = fields[field_id]
        assert field["name"].strip(), f"{path} : {field_id} sans nom"
        assert field["seen"] in field["name"], f"{path} : {field}"
        names.append(field["name"])
    assert len(set(names)) == len(names), f"{path} : {names}"
    return len(names)


# The tab stops of the page in its order (what Tab should reach), each marked.
TAB_STOPS = """() => {
    const radios = new Set();
    const stops = [...document.querySelectorAll(
        'a[href], button, input, select, textarea, summary, [tabindex]')].filter(el => {
        if (el.disabled || el.type === 'hidden' || el.tabIndex < 0) return false;
        // Not rendered, hidden, or in a closed <details> (content-visibility: hidden).
        if (!el.checkVisibility({visibilityProperty: true})) return false;
        if (el.type === 'radio') {  // one stop per group: its checked radio, else its first
            const group = [...document.getElementsByName(el.name)];
            const stop = group.find(r => r.checked) || group[0];
            if (el !== stop || radios.has(el.name)) return false;
            radios.add(el.name);
        }
        return true;
    });
    stops.forEach((el, i) => { el.dataset.tabStop = String(i); });
    return stops.length;
}"""

# Visual order is the DOM's: no positive tabindex, no flex or grid item moved by `order`,
# no reversed flex container above a tab stop.
REORDERED = """() => [...document.querySelectorAll('[data-tab-stop]')].filter(el => {
    if (el.tabIndex > 0) return true;
    for (let node = el; node && node !== document.body; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (style.order !== '0' || style.flexDirection.endsWith('reverse')) return true;
    }
    return false;
}).map(el => el.outerHTML.slice(0, 80))"""


def tab_through(page) -> list[str]:
    """Press Tab from the top of the page until the focus leaves it: the stops reached."""
    # From the top of the document (the login page's field has the focus on arrival).
    page.evaluate("() => { const top = document.documentElement; top.tabIndex = -1; top.focus(); }")
    reached = []
    for _ in range(300):
        page.keyboard.press("Tab")
        stop = page.evaluate(
            "() => document.activeElement === document.body ? null"
            " : (document.activeElement.dataset.tabStop || document.activeElement.outerHTML"
            ".slice(0, 80))"
        )
        if stop is None or (reached and stop == reached[0]):
            return reached
        if not reached or stop != reached[-1]:  # a date's day, month, year: one field
            reached.append(stop)
    raise AssertionError(f"la tabulation ne quitte jamais la page : {reached[-5:]}")


def check_tab_order(page, path: str, at_least: int = 5):
    """Every stop of the page once, in its order, and the last one lets the focus go
    (RGAA 12.8, 12.9)."""
    count = page.evaluate(TAB_STOPS)
    assert count > at_least, path
    assert page.evaluate(REORDERED) == [], path
    assert tab_through(page) == [str(i) for i in range(count)], path
