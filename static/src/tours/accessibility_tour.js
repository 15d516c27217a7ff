/** @odoo-module **/

import { registry } from "@web/core/registry";

// Accessibility checks with axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA), run by
// tests/test_accessibility.py. The test injects axe-core into every page the browser
// opens (it is not part of the addon's assets) and lists the pages to check in
// localStorage; the tour opens each one and fails on a serious or critical violation.
// Moderate and minor ones are written to the test log.

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const BLOCKING = new Set(["serious", "critical"]);
export const PAGES_KEY = "beneficiary_relations.a11y_pages";

function describe(violation) {
    const targets = violation.nodes
        .slice(0, 5)
        .map((node) => `      ${node.target.join(" ")}\n        ${node.failureSummary.replace(/\n/g, " ")}`)
        .join("\n");
    const more = violation.nodes.length > 5 ? `\n      (+${violation.nodes.length - 5} more)` : "";
    return `  [${violation.impact}] ${violation.id}: ${violation.help} (${violation.nodes.length} element(s), ${violation.helpUrl})\n${targets}${more}`;
}

/** Resolve once the page has not changed for ``quiet`` ms (chatter, lazy widgets). */
function pageSettled(quiet = 300, timeout = 5000) {
    return new Promise((resolve) => {
        let timer;
        const observer = new MutationObserver(() => {
            clearTimeout(timer);
            timer = setTimeout(done, quiet);
        });
        const done = () => {
            observer.disconnect();
            resolve();
        };
        observer.observe(document.documentElement, {
            subtree: true,
            childList: true,
            attributes: true,
        });
        timer = setTimeout(done, quiet);
        setTimeout(done, timeout);
    });
}

/**
 * Check the current page with axe-core; throw on serious or critical violations.
 * @param {string} label what the page is, for the messages
 * @param {string} [lang] expected language of the page ("ar" or "en")
 */
export async function accessibilityProblems(label, lang) {
    if (!window.axe) {
        throw new Error("axe-core is not loaded: run the check from tests/test_accessibility.py");
    }
    await pageSettled();
    const html = document.documentElement;
    const problems = [];
    if (lang && !(html.lang || "").startsWith(lang)) {
        problems.push(`  the page language is "${html.lang}", expected "${lang}"`);
    }
    if (lang && html.dir !== (lang === "ar" ? "rtl" : "ltr")) {
        problems.push(`  the page direction is "${html.dir}" for language "${lang}"`);
    }
    const title = document.title.trim();
    if (!title || /^odoo$/i.test(title)) {
        problems.push(`  the page title "${title}" does not say what the page is`);
    }
    const results = await window.axe.run(document, {
        runOnly: { type: "tag", values: AXE_TAGS },
        resultTypes: ["violations"],
    });
    const blocking = results.violations.filter((v) => BLOCKING.has(v.impact));
    const others = results.violations.filter((v) => !BLOCKING.has(v.impact));
    for (const violation of others) {
        console.log(`a11y (not blocking) on ${label} [${location.pathname}]:\n${describe(violation)}`);
    }
    problems.push(...blocking.map(describe));
    if (!problems.length) {
        console.log(`a11y: ${label} [${location.pathname}] passed (title "${title}")`);
        return "";
    }
    return `Accessibility problems on ${label} [${location.pathname}${location.search}]:\n${problems.join("\n")}`;
}

/** Check the current page; throw on serious or critical problems. */
export async function checkAccessibility(label, lang) {
    const problems = await accessibilityProblems(label, lang);
    if (problems) {
        throw new Error(problems);
    }
}

/** A tour step that checks the current page. */
export function accessibilityStep(label, lang, trigger = "body") {
    return {
        content: `Accessibility check (axe-core, WCAG 2.2 AA): ${label}`,
        trigger,
        run: () => checkAccessibility(label, lang),
    };
}

function readPages() {
    try {
        return JSON.parse(window.localStorage.getItem(PAGES_KEY) || "{}");
    } catch {
        return {};
    }
}

// Opens each page listed by the test ({lang, pages: [[label, url], ...]}) and checks it.
registry.category("web_tour.tours").add("beneficiary_accessibility_pages", {
    steps: () => {
        const { lang, pages = [] } = readPages();
        return pages.flatMap(([label, url], index) => [
            ...(index
                ? [
                      {
                          content: `Open ${label}`,
                          trigger: "body",
                          run: `goToUrl ${url}`,
                          expectUnloadPage: true,
                      },
                  ]
                : []),
            {
                content: `Page ${label} is open`,
                trigger: "body",
                run() {
                    const expected = new URL(url, location.origin);
                    if (location.pathname !== expected.pathname) {
                        throw new Error(
                            `${label}: expected ${expected.pathname}, got ${location.pathname}`
                        );
                    }
                },
            },
            {
                // Every page is checked before the tour fails: one run lists everything.
                content: `Accessibility check (axe-core, WCAG 2.2 AA): ${label}`,
                trigger: "body",
                async run() {
                    const problems = await accessibilityProblems(label, lang);
                    if (problems) {
                        const found = readPages();
                        found.problems = [...(found.problems || []), problems];
                        window.localStorage.setItem(PAGES_KEY, JSON.stringify(found));
                    }
                },
            },
        ]).concat([
            {
                content: "No page has a serious or critical accessibility problem",
                trigger: "body",
                run() {
                    const { problems = [] } = readPages();
                    if (problems.length) {
                        throw new Error(problems.join("\n\n"));
                    }
                },
            },
        ]);
    },
});

/**
 * WCAG 3.3.1, 4.1.3: the error summary is announced (role="alert" or aria-live) and
 * links to its fields; each field error is tied to its field (aria-describedby, on the
 * field or its fieldset) and the field says it is invalid (aria-invalid="true").
 */
export function errorProblems(summary) {
    const problems = [];
    const live = summary.getAttribute("role") === "alert" || ["polite", "assertive"].includes(summary.getAttribute("aria-live"));
    if (!live) {
        problems.push("the error summary is neither role=alert nor aria-live");
    }
    for (const link of summary.querySelectorAll("a[href^='#']")) {
        if (!document.getElementById(link.getAttribute("href").slice(1))) {
            problems.push(`the summary links to ${link.getAttribute("href")}, which is not on the page`);
        }
    }
    const errors = [...document.querySelectorAll(".invalid-feedback")];
    if (!errors.length) {
        problems.push("no field shows its error");
    }
    for (const error of errors) {
        const owners = [...document.querySelectorAll("[aria-describedby]")].filter((el) =>
            el.getAttribute("aria-describedby").split(/\s+/).includes(error.id)
        );
        if (!error.id || !owners.length) {
            problems.push(`the error "${error.textContent.trim()}" is tied to no field (aria-describedby)`);
            continue;
        }
        const controls = owners.flatMap((el) =>
            el.matches("input, select, textarea") ? [el] : [...el.querySelectorAll("input, select, textarea")]
        );
        if (!controls.some((control) => control.getAttribute("aria-invalid") === "true")) {
            problems.push(`the field of the error #${error.id} is not marked aria-invalid="true"`);
        }
    }
    for (const field of document.querySelectorAll("[aria-invalid=true]")) {
        const ids = (field.getAttribute("aria-describedby") || "").split(/\s+/);
        if (!ids.some((id) => document.getElementById(id)?.matches(".invalid-feedback"))) {
            problems.push(`#${field.id} is invalid but points to no error message`);
        }
    }
    return problems;
}

function fill(selector, value) {
    return { content: `Type in ${selector}`, trigger: selector, run: `edit ${value}` };
}

// A visitor applies online on a 360 px wide screen: each page of the journey is checked,
// the form with its errors shown too (sent empty first). Selectors use no visible text,
// so the tour runs in Arabic and in English; the lang comes from the page list.
registry.category("web_tour.tours").add("beneficiary_accessibility_apply", {
    steps: () => {
        const { lang } = readPages();
        return [
            accessibilityStep("online application: services", lang, ".o_beneficiary_apply_service"),
            {
                content: "Open the form of the service",
                trigger: ".o_beneficiary_apply_service a.btn-primary",
                run: "click",
                expectUnloadPage: true,
            },
            accessibilityStep("online application: form", lang, ".o_beneficiary_apply_form"),
            {
                content: "Send the form empty",
                trigger: ".o_beneficiary_apply_submit",
                run: "click",
                expectUnloadPage: true,
            },
            {
                content: "The errors are listed, focused, announced and tied to their fields",
                trigger: "#apply_errors:focus",
                run: () => {
                    const problems = errorProblems(document.getElementById("apply_errors"));
                    if (problems.length) {
                        throw new Error(`Errors not announced or not tied:\n${problems.join("\n")}`);
                    }
                },
            },
            accessibilityStep("online application: errors shown", lang, "#apply_errors"),
            fill("#apply_first_name", "فاطمة"),
            fill("#apply_father_name", "أحمد"),
            fill("#apply_grandfather_name", "سعيد"),
            fill("#apply_family_name", "الغامدي"),
            fill("#apply_national_id", "1098765447"),
            {
                content: "Birth date",
                trigger: "#apply_birth_date",
                run() {
                    this.anchor.value = "1990-05-15";
                    this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
                },
            },
            { content: "Gender", trigger: "label[for=apply_gender_female]", run: "click" },
            fill("#apply_mobile", "0551234567"),
            fill("#apply_email", "fatima.a11y@example.com"),
            fill("#apply_building_number", "2929"),
            fill("#apply_street", "طريق الملك عبدالعزيز"),
            fill("#apply_district", "الملقا"),
            fill("#apply_city", "الرياض"),
            fill("#apply_zip", "13521"),
            fill("#apply_additional_number", "7788"),
            fill("#apply_description", "أحتاج جلسات إرشاد أسري"),
            { content: "Declaration", trigger: "label[for=apply_accept_declaration]", run: "click" },
            { content: "Consent", trigger: "label[for=apply_accept_consent]", run: "click" },
            {
                content: "Send the application",
                trigger: ".o_beneficiary_apply_submit",
                run: "click",
                expectUnloadPage: true,
            },
            accessibilityStep("online application: thanks", lang, ".o_beneficiary_apply_thanks"),
        ];
    },
});
