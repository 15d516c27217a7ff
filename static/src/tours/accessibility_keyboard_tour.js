/** @odoo-module **/

import { registry } from "@web/core/registry";

import { PAGES_KEY } from "./accessibility_tour";

// Beyond what axe-core checks (issue #19), run by tests/test_accessibility_keyboard.py:
// - a keyboard-only application: real key presses (Chrome DevTools Input events, sent by
//   the test when the page logs "br-keyboard:{...}"), Tab from the top of the page, text
//   typed in the focused field, Space on radio buttons and check boxes, Enter on the
//   send button; the order in which the fields get the focus is checked;
// - touch targets of at least 24 x 24 CSS px (WCAG 2.2, 2.5.8), text enlarged to 200 %
//   without loss (1.4.4) and pages that fit a 360 px wide screen (1.4.10).

export const KEYBOARD_PREFIX = "br-keyboard:";

function readConfig() {
    try {
        return JSON.parse(window.localStorage.getItem(PAGES_KEY) || "{}");
    } catch {
        return {};
    }
}

function saveProblems(problems) {
    if (problems.length) {
        const config = readConfig();
        config.problems = [...(config.problems || []), ...problems];
        window.localStorage.setItem(PAGES_KEY, JSON.stringify(config));
    }
}

function waitUntil(condition, what, timeout = 10000) {
    return new Promise((resolve, reject) => {
        const start = Date.now();
        const check = () => {
            if (condition()) {
                resolve();
            } else if (Date.now() - start > timeout) {
                reject(new Error(`timed out waiting for ${what}`));
            } else {
                setTimeout(check, 20);
            }
        };
        check();
    });
}

/**
 * Press keys for real: the test turns the request into Chrome DevTools Input events
 * (trusted events, as a keyboard sends them) and then sets ``window.__brKeyboardDone``.
 * @param {...({key: string, shift?: boolean}|{text: string})} actions
 */
export async function keyboard(...actions) {
    const seq = (window.__brKeyboardSeq = (window.__brKeyboardSeq || 0) + 1);
    console.log(KEYBOARD_PREFIX + JSON.stringify({ seq, actions }));
    await waitUntil(() => window.__brKeyboardDone === seq, `the keys ${JSON.stringify(actions)}`);
}

function describeElement(el) {
    if (!el || el === document.body) {
        return "the page";
    }
    return el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`;
}

/**
 * Fill the application form with the keyboard alone: Tab from the top of the page, type
 * in each field listed in ``values`` when it gets the focus, Space on the radio buttons
 * and check boxes listed, and Enter on the send button. Returns the ids focused in order.
 */
async function fillWithKeyboard(values, presses = 120) {
    const visited = [];
    document.activeElement?.blur();
    window.scrollTo(0, 0);
    for (let i = 0; i < presses; i++) {
        const before = document.activeElement;
        await keyboard({ key: "Tab" });
        const el = document.activeElement;
        if (!el || el === document.body) {
            throw new Error(`Tab left the page after ${describeElement(before)}`);
        }
        if (el.id && visited.at(-1) !== el.id) {
            visited.push(el.id);
        }
        if (el.classList.contains("o_beneficiary_apply_submit")) {
            return visited;
        }
        const value = el.id ? values[el.id] : undefined;
        if (value === undefined || visited.indexOf(el.id) !== visited.length - 1) {
            continue;
        }
        if (value === " ") {
            await keyboard({ key: "Space" });
            if (!el.checked) {
                throw new Error(`Space did not tick ${describeElement(el)}`);
            }
        } else if (!el.value) {
            await keyboard({ text: value });
            if (el.value !== value) {
                throw new Error(`typed "${value}" in ${describeElement(el)}, it holds "${el.value}"`);
            }
        }
    }
    throw new Error(`the send button was not reached in ${presses} Tab presses: ${visited.join(" ")}`);
}

// The expected focus order of the application form's fields (top to bottom, as read).
const FIELD_ORDER = [
    "apply_first_name",
    "apply_father_name",
    "apply_grandfather_name",
    "apply_family_name",
    "apply_national_id",
    "apply_nationality_id",
    "apply_birth_date",
    "apply_birth_date_hijri",
    "apply_gender_male",
    "apply_mobile",
    "apply_email",
    "apply_building_number",
    "apply_street",
    "apply_district",
    "apply_city",
    "apply_zip",
    "apply_additional_number",
    "apply_description",
    "apply_accept_declaration",
    "apply_accept_consent",
];

registry.category("web_tour.tours").add("beneficiary_accessibility_keyboard_apply", {
    steps: () => [
        {
            content: "Fill in and send the form with the keyboard alone",
            trigger: ".o_beneficiary_apply_form",
            expectUnloadPage: true,
            async run() {
                const { values, submitKey = "Enter" } = readConfig();
                const visited = await fillWithKeyboard(values);
                const order = visited.filter((id) => FIELD_ORDER.includes(id));
                if (JSON.stringify(order) !== JSON.stringify(FIELD_ORDER)) {
                    throw new Error(
                        `focus order of the fields: ${order.join(" ")}\nexpected: ${FIELD_ORDER.join(" ")}`
                    );
                }
                const first = visited.indexOf(FIELD_ORDER[0]);
                const links = visited.slice(0, first);
                console.log(`a11y keyboard: before the form, the focus visits ${links.join(" ") || "nothing with an id"}`);
                console.log(`a11y keyboard: focus order ${visited.join(" ")}`);
                // Enter or Space on the focused send button sends the form (no mouse).
                const seq = (window.__brKeyboardSeq || 0) + 1;
                window.__brKeyboardSeq = seq;
                console.log(KEYBOARD_PREFIX + JSON.stringify({ seq, actions: [{ key: submitKey }] }));
            },
        },
        {
            content: "The application was received",
            trigger: ".o_beneficiary_apply_thanks",
        },
    ],
});

// ------------------------------------------------------------------ layout checks

const TARGETS =
    "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex]:not([tabindex='-1'])";

function visible(el) {
    const rect = el.getBoundingClientRect();
    if (!rect.width && !rect.height) {
        return false;
    }
    const style = getComputedStyle(el);
    return style.visibility !== "hidden" && style.display !== "none" && !el.closest(".visually-hidden, .visually-hidden-focusable, [aria-hidden=true]");
}

/** A link inside a sentence is exempt from the target size (WCAG 2.5.8 "inline"). */
function inline(el) {
    if (el.tagName !== "A" || getComputedStyle(el).display !== "inline") {
        return false;
    }
    const block = el.parentElement.closest("p, li, dd, td, div, span, label");
    return block && block.textContent.trim().length > el.textContent.trim().length;
}

function distanceToRect(x, y, rect) {
    const dx = Math.max(rect.left - x, 0, x - rect.right);
    const dy = Math.max(rect.top - y, 0, y - rect.bottom);
    return Math.hypot(dx, dy);
}

function center(rect) {
    return [(rect.left + rect.right) / 2, (rect.top + rect.bottom) / 2];
}

/**
 * Targets smaller than 24 x 24 px that are not inline links, unless spaced (WCAG 2.5.8:
 * a 24 px circle centred on it meets no other target nor another small target's circle).
 */
export function smallTargets(root = document) {
    const targets = [...root.querySelectorAll(TARGETS)].filter((el) => visible(el) && !inline(el));
    const undersized = [];
    for (const el of targets) {
        // A radio button or check box counts with its label (they are one target).
        const label = el.matches("input[type=checkbox], input[type=radio]") && el.id
            ? document.querySelector(`label[for="${el.id}"]`)
            : null;
        const rect = el.getBoundingClientRect();
        let { width, height } = rect;
        if (label && visible(label)) {
            const labelRect = label.getBoundingClientRect();
            height = Math.max(height, labelRect.height);
            width = Math.max(rect.right, labelRect.right) - Math.min(rect.left, labelRect.left);
        }
        if (Math.round(width) < 24 || Math.round(height) < 24) {
            undersized.push([el, label, rect, width, height]);
        }
    }
    const small = [];
    for (const [el, label, rect, width, height] of undersized) {
        const [x, y] = center(rect);
        const crowded = targets.some((other) => {
            if (other === el || other === label || other.contains(el) || el.contains(other)) {
                return false;
            }
            const otherRect = other.getBoundingClientRect();
            if (distanceToRect(x, y, otherRect) < 12) {
                return true;
            }
            const [ox, oy] = center(otherRect);
            return undersized.some(([u]) => u === other) && Math.hypot(x - ox, y - oy) < 24;
        });
        if (crowded) {
            small.push(`${describeElement(el)} "${(el.textContent || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 40)}" ${Math.round(width)}x${Math.round(height)} px`);
        }
    }
    return small;
}

/** Content wider than the screen, or form controls cut by its edges. */
export function overflowProblems() {
    const problems = [];
    const width = window.innerWidth;
    const html = document.documentElement;
    if (html.scrollWidth > width + 1) {
        const wide = [...document.body.querySelectorAll("*")]
            .filter((el) => visible(el) && el.getBoundingClientRect().right > width + 1 && getComputedStyle(el).position !== "fixed")
            .slice(-3)
            .map(describeElement);
        problems.push(`the page scrolls sideways: ${html.scrollWidth} px wide for a ${width} px screen (${wide.join(", ")})`);
    }
    for (const el of document.querySelectorAll("input:not([type=hidden]), select, textarea, button, label, .btn")) {
        if (!visible(el)) {
            continue;
        }
        // Data tables may scroll sideways in their own box (WCAG 1.4.10 exception for
        // content that needs a two-dimensional layout): noted, not blocking.
        const scroller = el.closest(".table-responsive");
        if (scroller && scroller.scrollWidth > scroller.clientWidth) {
            console.log(`a11y layout (not blocking): ${describeElement(el)} is reached by scrolling its table sideways`);
            continue;
        }
        const rect = el.getBoundingClientRect();
        if (rect.left < -1 || rect.right > width + 1) {
            problems.push(`${describeElement(el)} is cut by the screen's edge (${Math.round(rect.left)} to ${Math.round(rect.right)} px)`);
        }
    }
    return problems;
}

/**
 * Check the current page's touch targets, then its layout with the text at ``fontScale``
 * (1: as is; 2: 200 %). Returns the problems found.
 */
export async function layoutProblems(label, fontScale = 1) {
    const where = `${label} [${location.pathname}] at ${window.innerWidth} px`;
    const problems = smallTargets().map((line) => `${where}: target under 24 px: ${line}`);
    const html = document.documentElement;
    const original = html.style.fontSize;
    if (fontScale !== 1) {
        html.style.fontSize = `${fontScale * 100}%`;
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100)));
    }
    problems.push(...overflowProblems().map((line) => `${where}, text at ${fontScale * 100} %: ${line}`));
    html.style.fontSize = original;
    if (!problems.length) {
        console.log(`a11y layout: ${where} passed (text at ${fontScale * 100} %)`);
    }
    return problems;
}

// Opens each page listed by the test ({pages: [[label, url], ...], fontScale}) and checks
// its touch targets and layout; the last page stays open (the test takes a screenshot).
registry.category("web_tour.tours").add("beneficiary_accessibility_layout", {
    steps: () => {
        const { pages = [], fontScale = 1 } = readConfig();
        return pages.flatMap(([label, url], index) => [
            ...(index
                ? [{ content: `Open ${label}`, trigger: "body", run: `goToUrl ${url}`, expectUnloadPage: true }]
                : []),
            {
                content: `Touch targets and layout: ${label}`,
                trigger: "body",
                async run() {
                    const expected = new URL(url, location.origin);
                    if (location.pathname !== expected.pathname) {
                        throw new Error(`${label}: expected ${expected.pathname}, got ${location.pathname}`);
                    }
                    await new Promise((resolve) => setTimeout(resolve, 300));
                    saveProblems(await layoutProblems(label, fontScale));
                },
            },
        ]).concat([
            {
                content: "No page has a target too small or content lost",
                trigger: "body",
                run() {
                    const { problems = [] } = readConfig();
                    if (problems.length) {
                        throw new Error(problems.join("\n"));
                    }
                },
            },
        ]);
    },
});
