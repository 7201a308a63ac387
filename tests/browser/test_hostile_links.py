"""Script links in a browser: every link on the pages a hostile record reaches resolves to http,
https, mailto or the site itself, and clicking what the record wrote runs nothing."""

from __future__ import annotations

import pytest


PAGES = [
    "praktijken/link-000/", "praktijken/link-001/", "praktijken/link-005/", "praktijken/",
    "criteria/ketensamenwerking/", "prijzen/best-practice-award-2022/", "sectoren/schoonmaak/",
    "doelgroepen/statushouders/", "soorten/nominatie/", "vergelijk/?p=link-000,link-003",
]

RESOLVED = """() => {
  const out = [];
  for (const el of document.querySelectorAll('[href], [src], [action], [formaction], [srcset], [poster]')) {
    // Pagefind's search box makes its own <form action="javascript:void(0);"> at run time,
    // so that Enter never leaves the page; it holds nothing a record wrote
    if (el.matches('form.pagefind-ui__form')) continue;
    for (const name of ['href', 'src', 'action', 'formaction', 'poster']) {
      const raw = el.getAttribute(name);
      if (raw !== null) out.push([el.tagName, name, new URL(raw, document.baseURI).protocol, raw.slice(0, 80)]);
    }
    if (el.hasAttribute('srcset')) for (const part of el.getAttribute('srcset').split(',')) {
      const url = part.trim().split(' ')[0];
      if (url) out.push([el.tagName, 'srcset', new URL(url, document.baseURI).protocol, url.slice(0, 80)]);
    }
  }
  return out;
}"""


@pytest.mark.parametrize("path", PAGES)
def test_every_link_resolves_to_a_safe_protocol_and_clicking_runs_nothing(records_server, page, path):
    """On the test-records site (tests/sites.py), which holds hostile_links.py's records."""
    link_site = records_server
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(link_site.url)
               else route.abort())
    page.goto(f"{link_site.url}/{path}")
    page.wait_for_load_state("networkidle")
    links = page.evaluate(RESOLVED)
    assert len(links) > 20  # the page really has links to check
    unsafe = [link for link in links if link[2] not in ("http:", "https:", "mailto:")]
    assert unsafe == []
    # what the records wrote as link text ("Klik"), wherever it ended up on the page
    # (a "Klik" inside a safe link, such as a title linking to its practice page, would only leave
    # the page: every link's protocol is checked above; what is clicked is the record's own text)
    clicked = seen = 0
    for element in page.locator("article :text('Klik') >> visible=true").all()[:15]:
        seen += 1
        target = element.evaluate("e => (e.closest('a[href]') || {}).href || ''")
        if target.startswith(("http:", "https:", "mailto:")):
            continue
        element.click(no_wait_after=True, timeout=2000, force=True)
        clicked += 1
        page.wait_for_load_state()
        if page.url.split("#")[0].rstrip("/") != f"{link_site.url}/{path}".split("#")[0].rstrip("/"):
            page.go_back()
            page.wait_for_load_state()
    assert seen > 0  # the records' "Klik" is on the page (as text, or in a safe link of the site)
    assert page.evaluate("() => window.__pwned === undefined") and dialogs == []
