#!/usr/bin/env python3
"""How soon the page shows the newest chats after signing in.

    python3 Benchmarks/page-first-draw.py --url http://127.0.0.1:8080 [--runs 10] [--user tje0 --password Tje0]

Against a running server (e.g. `archive serve` on a 1M-chat archive): signs in
through the page in headless Chromium N times, each a fresh session (cookies and
the tab's storage cleared), and reads the page's own measure: from the sign-in
answer (`performance.mark('archive:signed-in')`) to the first page of rows
painted (`archive:first-page`, one animation frame after the rows are in the
DOM). Prints each run and the median, p90 and max, against the target.
Standard library only (the WebDriver client of Tests/Browser).
"""

import argparse
import math
import os
import statistics
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ beside the sources
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Browser"))
from webdriver import Chrome  # noqa: E402

TARGET_MS = 200


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))]


def one_run(browser, url, user, password):
    """Signs in once; answers (first draw ms, sign-in answer ms, rows shown)."""
    browser.command("DELETE", "/cookie")
    browser.get(url + "/")
    browser.execute("sessionStorage.clear()")
    browser.get(url + "/#lang=en")  # a fresh load with no stored user: the sign-in form
    browser.wait_for_element("#signin-username", timeout=15)
    browser.execute("""
        document.querySelector('#signin-username').value = arguments[0];
        document.querySelector('#signin-password').value = arguments[1];""", user, password)
    browser.find("#signin-submit").click()
    draw = browser.wait_for(lambda: browser.execute(
        "return performance.getEntriesByName('archive:first-draw').map(e => e.duration)[0]"),
        timeout=30, message="the first page", interval=0.02)
    details = browser.execute("""
        const signIn = performance.getEntriesByType('resource').filter(e => e.name.endsWith('/api/v1/Session')).pop();
        return [signIn ? signIn.duration : null, document.querySelectorAll('#results tbody tr.row').length];""")
    return draw, details[0], details[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="the server, e.g. http://127.0.0.1:8080")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=1, help="runs first, not counted (caches, JIT)")
    parser.add_argument("--user", default="tje0")
    parser.add_argument("--password", default="Tje0")
    args = parser.parse_args()
    url = args.url.rstrip("/")

    draws = []
    with Chrome(width=1280, height=800) as browser:
        browser.emulate_viewport(1280, 800)
        for index in range(args.warmup + args.runs):
            started = time.monotonic()
            draw, sign_in, rows = one_run(browser, url, args.user, args.password)
            counted = index >= args.warmup
            label = f"run {index - args.warmup + 1:>2}" if counted else "warm-up"
            sign_in_text = f"{sign_in:6.0f} ms" if sign_in is not None else "     ?"
            print(f"{label}: first page drawn {draw:6.1f} ms after the sign-in answer "
                  f"(sign-in answer {sign_in_text}, {rows} rows, {time.monotonic() - started:.1f} s in all)", flush=True)
            if counted:
                draws.append(draw)

    if not draws:
        return 0
    median = statistics.median(draws)
    p90 = percentile(draws, 0.9)
    worst = max(draws)
    print(f"\nsign-in answer → first page drawn, {len(draws)} runs: median {median:.1f} ms, p90 {p90:.1f} ms, max {worst:.1f} ms")
    print(f"target: under {TARGET_MS} ms — {'met' if p90 < TARGET_MS else 'NOT met'} (p90)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
