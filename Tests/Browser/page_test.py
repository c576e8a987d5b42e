#!/usr/bin/env python3
"""The archive page in headless Chromium, against a server of its own.

    python3 Tests/Browser/page_test.py --server-binary .build/debug/archive \
        [--keep-server] [--screenshot Tests/Browser/page.png] [--page-dir Sources/ArchiveServer/Page]

Seeds a temporary archive (5,000 chats), serves it on a free port, and walks
the page as a person would: signs in (a wrong password first), reads the
newest chats, adds a column, sorts, filters (an error, then a fix), pages,
groups with a chart, opens a chat and changes its rating, exports CSV and
NDJSON, checks the phone width, a session that ends, and the console. Each
step prints one line; a failed step prints what was expected and what was
found and saves a screenshot beside --screenshot. Exit 0 only if every step
passed. Standard library only; the browser is driven by webdriver.py.
"""

import argparse
import base64
import csv
import glob
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request

sys.dont_write_bytecode = True  # no __pycache__ beside the sources
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webdriver import Chrome, WaitTimeout, WebDriverError, free_port  # noqa: E402

USER, PASSWORD = "tje0", "Tje0"
DEFAULT_COLUMNS = ["chatSessionId", "whenRequested", "person/fullName", "contact/name",
                   "chatTopic/name", "associate/fullName", "status", "rating"]
PAGE_SIZE = 50


class Failure(Exception):
    def __init__(self, expected, found):
        super().__init__(f"expected {expected}; found {found}")
        self.expected = expected
        self.found = found


def expect(condition, expected, found):
    if not condition:
        raise Failure(expected, found)


# ---- the server --------------------------------------------------------------------

class Server:
    def __init__(self, binary, page_dir=None, chats=5000):
        self.folder = tempfile.mkdtemp(prefix="archive-page-test-")
        self.db = os.path.join(self.folder, "archive.sqlite")
        seeded = subprocess.run([binary, "seed", "--db", self.db, "--chats", str(chats)], capture_output=True, text=True)
        if seeded.returncode != 0:
            raise RuntimeError(f"archive seed failed: {seeded.stderr.strip()}")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ)
        # The server's own files (its cursor key) go in the test's folder, not the user's.
        env["ARCHIVE_DATA_HOME"] = self.folder
        if page_dir:
            env["ARCHIVE_PAGE_DIR"] = os.path.abspath(page_dir)
        self.log = open(os.path.join(self.folder, "serve.log"), "w")
        self.process = subprocess.Popen([binary, "serve", "--db", self.db, "--port", str(self.port)],
                                        stdout=self.log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + 30
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"archive serve exited ({self.process.returncode}); see {self.log.name}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("archive serve did not listen within 30 s")
                time.sleep(0.05)

    def api(self, path, params=None, method="GET", body=None, headers=None):
        """The API through urllib with Basic auth, as a client other than the page sees it."""
        url = self.base + path + ("?" + urllib.parse.urlencode(params, quote_via=urllib.parse.quote) if params else "")
        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        request = urllib.request.Request(url, method=method, data=json.dumps(body).encode() if body is not None else None,
                                         headers={"Authorization": f"Basic {token}", "SO-Language": "en",
                                                  "Content-Type": "application/json", **(headers or {})})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def rows(self, **options):
        params = {f"${key}": value for key, value in options.items() if value}
        return self.api("/api/v1/archive/ChatSession", params)

    def stop(self, keep=False):
        if keep:
            print(f"# the server goes on at {self.base} (pid {self.process.pid}, archive {self.db})")
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)


# ---- the steps ---------------------------------------------------------------------

class PageTest:
    def __init__(self, server, browser, screenshot, downloads):
        self.server = server
        self.b = browser
        self.screenshot = screenshot
        self.downloads = downloads
        self.failed = []
        self.ran = 0
        self.console = []     # every browser log entry, gathered after each step

    # -- helpers --

    def run(self, name, action, required=False):
        started = time.monotonic()
        self.ran += 1
        try:
            action()
            print(f"ok   {name} ({time.monotonic() - started:.1f} s)", flush=True)
        except (Failure, WaitTimeout, WebDriverError, AssertionError, urllib.error.URLError, KeyError, ValueError) as error:
            self.failed.append(name)
            shot = self.failure_screenshot(name)
            print(f"FAIL {name} ({time.monotonic() - started:.1f} s)")
            if isinstance(error, Failure):
                print(f"     expected: {error.expected}\n     found:    {error.found}")
            else:
                print(f"     {type(error).__name__}: {error}")
                if os.environ.get("PAGE_TEST_TRACE"):
                    traceback.print_exc()
            print(f"     screenshot: {shot}", flush=True)
            if required:
                raise SystemExit(self.finish())
        finally:
            self.gather_logs()

    def failure_screenshot(self, name):
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40]
        path = os.path.join(os.path.dirname(os.path.abspath(self.screenshot)), f"page-failure-{slug}.png")
        try:
            return self.b.screenshot(path)
        except (WebDriverError, OSError) as error:
            return f"(none: {error})"

    def gather_logs(self):
        try:
            self.console.extend(self.b.logs())
        except WebDriverError:
            pass

    def js(self, script, *args):
        return self.b.execute(script, *args)

    def loads(self, part="list"):
        return int(self.js(f"return Number(document.querySelector('#view').dataset.{part}Loads || 0)"))

    def wait_loaded(self, before, part="list", timeout=15):
        """Waits until the table (or groups, charts) finished a load after `before` and nothing else loads."""
        self.b.wait_for(lambda: self.loads(part) > before and self.js(
            "return document.querySelector('#view').getAttribute('aria-busy') === 'false'"),
            timeout=timeout, message=f"the {part} to load")

    def table(self):
        """The rows shown: [{id, col: raw}] from data-raw, the values the server sent."""
        return self.js("""
            return Array.from(document.querySelectorAll('#results tbody tr.row')).map(row => {
              const cells = {id: row.dataset.id};
              for (const cell of row.querySelectorAll('td[data-col]')) cells[cell.dataset.col] = cell.dataset.raw;
              return cells;
            });""")

    def ids(self):
        return [row["id"] for row in self.table()]

    def header_columns(self):
        return self.js("return Array.from(document.querySelectorAll('#results thead th[data-col]')).map(th => th.dataset.col)")

    def state_param(self, name):
        return self.js("return new URLSearchParams(location.hash.slice(1)).get(arguments[0])", name)

    def api_ids(self, order_by, filter_="", top=PAGE_SIZE):
        answer = self.server.rows(select="chatSessionId", orderBy=order_by, filter=filter_, top=str(top))
        return [str(row["chatSessionId"]) for row in answer["value"]]

    def fetch_status(self, url, method="GET", seconds=3):
        """A fetch from the page with the session's token: its status, or 'pending' after `seconds`."""
        return self.b.execute_async("""
            const [url, method, seconds, done] = arguments;
            const token = (document.cookie.match(/XSRF-TOKEN=([^;]+)/) || [])[1] || 'none';
            setTimeout(() => done('pending'), seconds * 1000);
            fetch(url, {method, headers: {'X-XSRF-TOKEN': decodeURIComponent(token)}}).then(r => done(r.status), e => done(String(e)));""",
            url, method, seconds)

    def ensure_signed_in(self):
        if self.js("return document.querySelector('#view').hidden"):
            # Anew: a request of the step before may still wait (and hold the keyboard).
            self.b.get(self.server.base + "/" + self.js("return location.hash"))
            self.b.wait_for_element("#signin-password")
            # Filled by script: a browser still waiting for a password prompt of its own ignores keys.
            self.js("document.querySelector('#signin-username').value = arguments[0];"
                    "document.querySelector('#signin-password').value = arguments[1];"
                    "document.querySelector('#signin-form').requestSubmit()", USER, PASSWORD)
            self.b.wait_for_element("#results tbody tr.row", timeout=15)

    def type_filter(self, text):
        box = self.b.find("#filter")
        self.js("const input = document.querySelector('#filter'); input.value = ''; input.dispatchEvent(new Event('input'))")
        box.type(text)
        return box

    # -- the steps --

    def sign_in_form(self):
        self.b.get(self.server.base + "/")
        self.b.wait_for_element("#signin-username")
        found = self.js("""
            const user = document.querySelector('#signin-username'), pass = document.querySelector('#signin-password');
            return [user.autocomplete, pass.autocomplete, pass.type,
                    !!document.querySelector('label[for="signin-username"]'), !!document.querySelector('label[for="signin-password"]'),
                    document.querySelector('#view').hidden];""")
        expect(found == ["username", "current-password", "password", True, True, True],
               "inputs with autocomplete username / current-password, labels, the view hidden", found)

    def wrong_password(self):
        self.b.find("#signin-username").type(USER)
        self.b.find("#signin-password").type("not-the-password")
        self.b.find("#signin-submit").click()
        try:
            error = self.b.wait_for_element("#signin-error", timeout=5)
        except WaitTimeout:
            raise Failure("an error message within 5 s", "none: the sign-in request is still waiting (a 401 with "
                          "'WWW-Authenticate: Basic' makes Chromium wait for a password of its own)") from None
        expect("password" in error.text, "a message about the user name or password", repr(error.text))
        expect(self.js("return document.querySelector('#view').hidden") is True, "the view still hidden", "the view shown")

    def sign_in(self):
        if self.js("return document.querySelector('#signin-form').getAttribute('aria-busy')") == "true":
            # The wrong password's request still waits and holds the keyboard: start anew, fill by script.
            self.b.get(self.server.base + "/")
            self.b.wait_for_element("#signin-username")
            self.js("document.querySelector('#signin-username').value = arguments[0]", USER)
            self.js("document.querySelector('#signin-password').value = arguments[0]", PASSWORD)
            self.b.find("#signin-submit").click()
            self.b.wait_for_element("#results tbody tr.row", timeout=15)
            self.after_sign_in()
            return
        self.b.find("#signin-password").clear()
        self.b.find("#signin-password").type(PASSWORD)
        self.b.find("#signin-submit").click()
        self.b.wait_for_element("#results tbody tr.row", timeout=15)
        self.after_sign_in()

    def after_sign_in(self):
        expect(self.b.find("#user-name").text == USER, f"the user name {USER} shown", self.b.find("#user-name").text)
        measure = self.b.wait_for(lambda: self.js(
            "return performance.getEntriesByName('archive:first-draw').map(e => e.duration)[0]"), message="the first-draw measure")
        print(f"     first page drawn {measure:.0f} ms after the sign-in answer")

    def newest_first(self):
        expect(self.header_columns() == DEFAULT_COLUMNS, f"the columns {DEFAULT_COLUMNS}", self.header_columns())
        rows = self.table()
        expect(len(rows) == PAGE_SIZE, f"{PAGE_SIZE} rows", len(rows))
        times = [row["whenRequested"] for row in rows]
        expect(times == sorted(times, reverse=True), "whenRequested newest first", times[:5])
        api_ids = self.api_ids("whenRequested desc")
        expect(self.ids() == api_ids, f"the API's ids {api_ids[:5]}…", self.ids()[:5])
        count = self.server.rows(select="chatSessionId", top="1", inlineCount="true")["odata.count"]
        text = self.b.find("#range").text
        expect(text == f"1–{PAGE_SIZE} of {count:,}", f"the range '1–{PAGE_SIZE} of {count:,}'", repr(text))
        sort = self.js("return document.querySelector('#results th[data-col=\"whenRequested\"]').getAttribute('aria-sort')")
        expect(sort == "descending", "aria-sort=descending on whenRequested", sort)

    def add_column(self):
        before = self.loads()
        self.b.find("#columns-button").click()
        self.b.wait_for_element("#columns-dialog[open]")
        self.b.find("#columns-search").type("queue")
        groups = self.js("return Array.from(document.querySelectorAll('#columns-list legend')).map(l => l.textContent)")
        expect(groups == ["Chat"], "the search to leave the Chat group only", groups)
        self.b.find('#columns-list input[data-col="timeInQueue"]').click()
        self.b.keys("ESCAPE")
        self.b.wait_for(lambda: not self.js("return document.querySelector('#columns-dialog').open"), message="the dialog to close")
        self.wait_loaded(before)
        expect("timeInQueue" in self.header_columns(), "a timeInQueue column", self.header_columns())
        expect("timeInQueue" in (self.state_param("cols") or ""), "the column in the URL", self.state_param("cols"))

    def sort_by_header(self):
        before_ids = self.ids()
        for expected_sort, order in (("ascending", "chatTopic/name"), ("descending", "chatTopic/name desc")):
            before = self.loads()
            self.b.find('#results th[data-col="chatTopic/name"] button').click()
            self.wait_loaded(before)
            sort = self.js("return document.querySelector('#results th[data-col=\"chatTopic/name\"]').getAttribute('aria-sort')")
            expect(sort == expected_sort, f"aria-sort={expected_sort}", sort)
            api_ids = self.api_ids(order)
            expect(self.ids() == api_ids, f"the API's order for {order}: {api_ids[:5]}…", self.ids()[:5])
        expect(self.ids() != before_ids, "the rows' order to change", "the same rows")
        # Shift-click adds a second key.
        before = self.loads()
        self.b.click_with(self.b.find('#results th[data-col="rating"] button'), "SHIFT")
        self.wait_loaded(before)
        expect(self.state_param("order") == "chatTopic/name desc,rating", "order=chatTopic/name desc,rating in the URL", self.state_param("order"))
        api_ids = self.api_ids("chatTopic/name desc,rating")
        expect(self.ids() == api_ids, f"the API's order {api_ids[:5]}…", self.ids()[:5])
        # Back to the newest first for the steps after.
        before = self.loads()
        self.b.find('#results th[data-col="whenRequested"] button').click()
        self.wait_loaded(before)
        before = self.loads()
        self.b.find('#results th[data-col="whenRequested"] button').click()
        self.wait_loaded(before)
        expect(self.ids() == self.api_ids("whenRequested desc"), "newest first again", self.ids()[:5])

    def filter_error(self):
        before = self.loads()
        self.type_filter("rating grater 3")
        self.b.find("#filter-apply").click()
        self.wait_loaded(before)
        error = self.b.wait_for_element("#filter-error")
        expect("position 8" in error.text, "a message naming position 8", repr(error.text))
        mark = self.js("const m = document.querySelector('#filter-mirror mark'); return m && m.textContent")
        expect(mark == "grater", "the word 'grater' marked in the box", repr(mark))
        caret = self.js("const i = document.querySelector('#filter'); return [i.selectionStart, i.getAttribute('aria-invalid')]")
        expect(caret == [7, "true"], "the caret at offset 7 and aria-invalid", caret)

    def filter_fixed(self):
        self.type_filter("rat")
        options = self.b.wait_for(lambda: self.js(
            "const l = document.querySelector('#filter-suggestions'); return !l.hidden && Array.from(l.querySelectorAll('[role=option]')).map(o => o.dataset.value)"),
            message="column suggestions")
        expect("rating" in options, "'rating' among the suggestions", options)
        for _ in range(len(options)):
            if self.js("return document.querySelector('#filter-suggestions [aria-selected=true]')?.dataset.value") == "rating":
                break
            self.b.keys("ARROW_DOWN")
        self.b.keys("ENTER")
        value = self.b.find("#filter").property("value")
        expect(value == "rating ", "'rating ' in the box", repr(value))
        operators = self.js("return Array.from(document.querySelectorAll('#filter-suggestions [role=option]')).map(o => o.dataset.value)")
        expect("greater" in operators and "begins" not in operators, "the operators of a number column", operators)
        before = self.loads()
        self.b.find("#filter").type("greater 3")
        self.b.keys("ESCAPE", "ENTER")
        self.wait_loaded(before)
        expect(not self.b.find("#filter-error").displayed(), "no error", self.b.find("#filter-error").text)
        ratings = [row["rating"] for row in self.table()]
        expect(ratings and all(int(r) > 3 for r in ratings), "every rating above 3", ratings)
        count = self.server.rows(select="chatSessionId", filter="rating greater 3", top="1", inlineCount="true")["odata.count"]
        expect(self.b.find("#range").text.endswith(f"of {count:,}"), f"the range to end 'of {count:,}'", self.b.find("#range").text)

    def paging(self):
        first = self.ids()
        before = self.loads()
        self.b.find("#next").click()
        self.wait_loaded(before)
        expect(self.b.find("#range").text.startswith(f"{PAGE_SIZE + 1}–"), f"the range to start {PAGE_SIZE + 1}–", self.b.find("#range").text)
        second = self.ids()
        api_second = self.api_ids("whenRequested desc", "rating greater 3", top=2 * PAGE_SIZE)[PAGE_SIZE:]
        expect(second == api_second, f"the API's second page {api_second[:3]}…", second[:3])
        expect(self.state_param("skip"), "the page's cursor in the URL", self.state_param("skip"))
        before = self.loads()
        self.b.find("#prev").click()
        self.wait_loaded(before)
        expect(self.ids()[:1] == first[:1], f"the first row {first[:1]} again", self.ids()[:1])
        expect(self.b.find("#range").text.startswith("1–"), "the range to start 1–", self.b.find("#range").text)
        expect(self.b.find("#prev").property("disabled") is True, "Previous disabled on the first page", "enabled")

    def period_button(self):
        before = self.loads()
        self.b.find('#period-buttons [data-period="thisYear"]').click()
        self.wait_loaded(before)
        value = self.b.find("#filter").property("value")
        expect(value == "rating greater 3 and whenRequested thisYear", "the period added to the filter", repr(value))
        pressed = self.b.find('#period-buttons [data-period="thisYear"]').attribute("aria-pressed")
        expect(pressed == "true", "the button pressed", pressed)
        api_ids = self.api_ids("whenRequested desc", value)
        expect(self.ids() == api_ids, "the API's rows for the filter", self.ids()[:3])
        before = self.loads()
        self.b.find('#period-buttons [data-period="thisYear"]').click()
        self.wait_loaded(before)
        value = self.b.find("#filter").property("value")
        expect(value == "rating greater 3", "the period removed again", repr(value))

    def group_with_chart(self):
        before = self.loads("groups")
        self.b.find('#group-by option[value="chatTopic/name"]').click()
        self.wait_loaded(before, "groups")
        api_groups = self.server.rows(select="GroupBy(chatTopic/name):HideDetail,Count(chatSessionId)", filter="rating greater 3")["value"]
        api_groups = [row for row in api_groups if row["EntityName"].startswith("footer")]
        shown = int(self.b.find("#groups-table table").attribute("data-groups"))
        expect(shown == len(api_groups), f"{len(api_groups)} groups, as the API", shown)
        bars = len(self.b.find_all('svg[data-chart="groups"] rect.bar'))
        expect(bars == min(len(api_groups), 20), f"{min(len(api_groups), 20)} bars", bars)
        total = self.js("return document.querySelector('#groups-table tfoot td').textContent")
        api_total = sum(row["Count(chatSessionId)"] for row in api_groups)
        expect(total == f"{api_total:,}", f"the grand total {api_total:,}", total)
        heads = self.js("return document.querySelectorAll('#results tr.group-head').length")
        expect(heads >= 1, "group header rows in the table", heads)
        accessible = self.js("""const f = document.querySelector('figure[data-chart="groups"]');
            return [!!f.querySelector('figcaption').textContent, f.querySelector('svg').getAttribute('role'), f.querySelectorAll('table.sr-only tbody tr').length]""")
        expect(accessible == [True, "img", bars], "a title, role=img and a table of the figures", accessible)
        # The charts over the same filter.
        before = self.loads("charts")
        self.b.find("#charts-toggle").click()
        self.wait_loaded(before, "charts")
        time_bars = len(self.b.find_all('svg[data-chart="time"] rect.bar'))
        rating_bars = len(self.b.find_all('svg[data-chart="rating"] rect.bar'))
        expect(time_bars > 0 and rating_bars == 6, "bars per month and 6 rating bars", (time_bars, rating_bars))
        # Back to no grouping and no charts.
        before = self.loads()
        self.b.find("#charts-toggle").click()
        self.b.find('#group-by option[value=""]').click()
        self.wait_loaded(before)

    def change_rating(self):
        row = self.b.find("#results tbody tr.row")
        chat_id = row.attribute("data-id")
        entity = self.server.api(f"/api/v1/ChatSession/{chat_id}")
        new_rating = 4 if entity["Rating"] != 4 else 5  # still in the filter (rating > 3)
        row.click()
        self.b.wait_for_element("#chat-dialog[open] #chat-rating", timeout=15)
        expect(self.state_param("chat") == chat_id, f"chat={chat_id} in the URL", self.state_param("chat"))
        # A value the server refuses: its message shows next to the field.
        self.js("const s = document.querySelector('#chat-rating'); s.append(new Option('nine', '9')); s.value = '9';")
        self.b.find("#chat-save").click()
        error = self.b.wait_for_element("#chat-rating-error")
        expect("1" in error.text and "5" in error.text, "the server's message about the rating's range", repr(error.text))
        self.b.find(f'#chat-rating option[value="{new_rating}"]').click()
        self.b.find("#chat-save").click()
        self.b.wait_for(lambda: self.b.find("#chat-save-message").text == "Saved.", message="'Saved.'")
        saved = self.server.api(f"/api/v1/ChatSession/{chat_id}")["Rating"]
        expect(saved == new_rating, f"the API's rating {new_rating}", saved)
        # The dialog shows the saved chat above the form, and the focus stays in the form.
        self.b.wait_for(lambda: f"{new_rating}/5" in self.b.find("#chat-content .chat-status").text, message=f"the header's {new_rating}/5")
        in_form = self.js("return !!document.activeElement.closest('#chat-edit')")
        expect(in_form, "the focus in the chat's form after Save", self.js("return document.activeElement.tagName"))
        self.b.keys("ESCAPE")
        self.b.wait_for(lambda: not self.js("return document.querySelector('#chat-dialog').open"), message="the dialog to close")
        self.b.wait_for(lambda: self.state_param("chat") is None, message="chat= to leave the URL")
        focused = self.js("return document.activeElement.dataset.id")
        expect(focused == chat_id, f"the focus back on row {chat_id}", focused)

    def open_by_keyboard(self):
        # The focused row opens with Enter; ArrowDown moves the focus.
        self.js("document.querySelector('#results tbody tr.row').focus()")
        self.b.keys("ARROW_DOWN")
        second = self.js("return document.activeElement.dataset.id")
        expect(second == self.ids()[1], "ArrowDown to focus the second row", second)
        self.b.keys("ENTER")
        self.b.wait_for_element("#chat-dialog[open] #chat-content .facts", timeout=15)
        title = self.b.find("#chat-title").text
        expect(title == f"Chat {second}", f"'Chat {second}'", title)
        facts = self.js("return Array.from(document.querySelectorAll('#chat-content dt')).map(d => d.textContent)")
        wanted = ["Customer", "Company", "Agent", "Topic", "Requested", "Duration", "Queue time"]
        expect(all(term in facts for term in wanted), f"the facts {wanted}", facts)
        self.b.keys("ESCAPE")
        self.b.wait_for(lambda: not self.js("return document.querySelector('#chat-dialog').open"), message="the dialog to close")

    def view_from_address(self):
        # The skip link moves the focus to the chats and keeps the view in the address.
        before_hash = self.js("return location.hash")
        self.js("document.querySelector('.skip-link').click()")
        focused = self.js("return document.activeElement.id")
        expect(focused == "results" and self.js("return location.hash") == before_hash, "the focus on #results, the address unchanged",
               (focused, self.js("return location.hash")))
        # A view grouped by a text column, opened from its address: a group's button filters by
        # its quoted value (the groups used to come before the column list, unquoted).
        self.js("location.hash = '#group=chatTopic/name'; location.reload()")
        self.b.wait_for(lambda: self.js("return !!document.querySelector('#groups-table table button')"), timeout=20,
                        message="the groups of the reloaded view")
        self.b.wait_for(lambda: not self.js("return document.querySelector('#groups-title').textContent.includes('chatTopic/name')"),
                        timeout=10, message="the group's title by its label")
        before = self.loads()
        self.js("Array.from(document.querySelectorAll('#groups-table table button')).find((b) => b.textContent !== '(none)').click()")
        self.wait_loaded(before)
        written = self.js("return document.querySelector('#filter').value")
        expect("chatTopic/name eq '" in written, "the topic quoted in the filter", written)
        expect(not self.js("return document.querySelector('#view-error').textContent"), "no error", self.js("return document.querySelector('#view-error').textContent"))
        # A group's value ending in a backslash is written so that the filter reads it back.
        written = self.js("return import('/assets/filterlang.js').then((m) => m.filterValue(arguments[0], true))", "C:\\Share\\")
        expect(written == "'C:\\\\Share\\\\'", "each backslash doubled", written)
        # Back to the view the later steps go on from.
        self.js("location.hash = arguments[0]; location.reload()", before_hash)
        self.b.wait_for(lambda: self.js("return location.hash") == before_hash and self.js("return !!document.querySelector('#results tbody tr.row')"),
                        timeout=20, message="the view before this step")

    def export(self, fmt):
        for path in glob.glob(os.path.join(self.downloads, "*")):
            os.remove(path)
        self.b.find(f"#export-{fmt}").click()
        files = []

        def downloaded():
            nonlocal files
            files = [p for p in glob.glob(os.path.join(self.downloads, "*")) if not p.endswith((".crdownload", ".tmp"))]
            return files
        try:
            self.b.wait_for(downloaded, timeout=10, message="a downloaded file")
        except WaitTimeout:
            frame = self.js("const d = document.querySelector('#export-target').contentDocument; return d && d.body ? d.body.textContent.slice(0, 300) : ''")
            banner = self.js("return document.querySelector('#view-error').textContent")
            raise Failure(f"a downloaded {fmt} file", f"none in 10 s; the server answered the form post with: {frame or banner or '(nothing)'}") from None
        count = self.server.rows(select="chatSessionId", filter="rating greater 3", top="1", inlineCount="true")["odata.count"]
        # The form carries the page's language and zone, which a download cannot send as headers.
        fields = self.js("return Array.from(document.querySelectorAll('#export-form input')).map((i) => i.name)")
        zone = self.js("return Intl.DateTimeFormat().resolvedOptions().timeZone || ''")
        expect("SO-Language" in fields and ("SO-TimeZone" in fields or not zone), "the language and zone among the form's fields", fields)
        with open(files[0], encoding="utf-8") as file:
            text = file.read()
        columns = DEFAULT_COLUMNS + ["timeInQueue"]
        if fmt == "csv":
            records = list(csv.reader(io.StringIO(text)))
            expect(records[0] == columns, f"the header {','.join(columns)}", ",".join(records[0]))
            expect(len(records) - 1 == count, f"{count} rows", len(records) - 1)
        else:
            lines = [json.loads(line) for line in text.splitlines() if line.strip()]
            expect(len(lines) == count, f"{count} lines", len(lines))
            expect(list(lines[0].keys()) == columns, f"the keys {columns}", list(lines[0].keys()))

    def phone_width(self):
        # The view with groups and charts too, so that every part is measured.
        groups, charts = self.loads("groups"), self.loads("charts")
        self.js("history.replaceState(null, '', location.hash + '&group=chatTopic/name&charts=1');"
                "dispatchEvent(new PopStateEvent('popstate'))")
        self.wait_loaded(groups, "groups")
        self.wait_loaded(charts, "charts")
        self.b.emulate_viewport(390, 844, mobile=True)
        try:
            self.b.wait_for(lambda: self.js("return innerWidth") == 390, message="a 390 px viewport")
            time.sleep(0.3)  # charts and layout settle
            charts = self.js("""return Array.from(document.querySelectorAll('.chart-panel svg'))
                .map(svg => [svg.dataset.chart, Number(svg.getAttribute('width')), svg.closest('.chart-panel').clientWidth])""")
            expect(len(charts) == 3 and all(width <= panel + 1 for _, width, panel in charts),
                   "three charts drawn at their panel's width", charts)
            wide = self.js("""
                const width = document.documentElement.clientWidth;
                return Array.from(document.querySelectorAll('body *')).filter(el => {
                  if (el.closest('.table-scroll, .sr-only, dialog:not([open]), [hidden]')) return false;
                  const box = el.getBoundingClientRect();
                  return box.width > 0 && (box.right > width + 1 || box.left < -1);
                }).map(el => `${el.tagName.toLowerCase()}#${el.id}.${el.className}`).slice(0, 8);""")
            expect(wide == [], "no element wider than the 390 px viewport but the table's scroll box", wide)
            page_width = self.js("return document.documentElement.scrollWidth")
            expect(page_width <= 390, "a page no wider than 390 px", page_width)
            scrolls = self.js("const t = document.querySelector('#results'); return t.scrollWidth > t.clientWidth && getComputedStyle(t).overflowX")
            expect(scrolls == "auto", "the table to scroll horizontally", scrolls)
        finally:
            self.b.clear_emulation()

    def session_ended(self):
        # Signed out elsewhere: the next call is a 401; the form comes back, and then the same view.
        self.ensure_signed_in()
        status = self.fetch_status("/api/v1/Session", "DELETE")
        expect(status in (200, 204), "the session deleted (as if signed out in another tab)", status)
        self.b.find("#next").click()
        try:
            self.b.wait_for_element("#signin-password", timeout=5)
        except WaitTimeout:
            raise Failure("the sign-in form within 5 s", "none: the request is still waiting (a 401 with "
                          "'WWW-Authenticate: Basic' makes Chromium wait for a password of its own)") from None
        expect(self.b.find("#signin-note").displayed(), "a note that the session ended", "no note")
        view = self.js("return location.hash")
        expect(self.state_param("skip"), "the next page's cursor kept in the URL", view)
        before = self.loads()
        self.b.find("#signin-password").type(PASSWORD)
        self.b.find("#signin-submit").click()
        self.wait_loaded(before)
        expect(self.js("return location.hash") == view, f"the view {view}", self.js("return location.hash"))
        expect(self.b.find("#range").text.startswith(f"{PAGE_SIZE + 1}–"), f"the second page ({PAGE_SIZE + 1}–…)", self.b.find("#range").text)

    def no_console_errors(self):
        allowed = re.compile(r"status of (400|401) ")
        bad = [entry for entry in self.console
               if (entry.get("level") == "SEVERE" and not (entry.get("source") == "network" and allowed.search(entry.get("message", ""))))
               or "Content Security Policy" in entry.get("message", "")]
        expect(not bad, "no console errors (only the 400s and 401s the steps provoke)", [e["message"][:200] for e in bad])

    def opening_screenshot(self):
        self.b.emulate_viewport(1280, 800)
        before = self.loads()
        self.js("history.replaceState(null, '', '#lang=en'); dispatchEvent(new PopStateEvent('popstate'))")
        self.wait_loaded(before)
        self.js("document.activeElement.blur(); window.scrollTo(0, 0)")
        self.b.move_mouse(640, 26)  # over the top bar's empty middle: nothing hovered
        time.sleep(0.2)
        self.b.screenshot(self.screenshot)
        print(f"     screenshot: {self.screenshot}")

    def sign_out(self):
        view = self.js("return location.hash")
        self.b.find("#signout").click()
        self.b.wait_for_element("#signin-username")
        expect(self.js("return document.querySelector('#view').hidden") is True, "the view hidden after signing out", "shown")
        status = self.fetch_status("/api/v1/archive/ChatSession?$top=1")
        expect(status == 401, "the session ended on the server (401)", status if status != "pending" else
               "no answer in 3 s (a 401 with 'WWW-Authenticate: Basic' makes Chromium wait for a password of its own)")
        # Signing in again opens the same view.
        before = self.loads()
        self.b.find("#signin-password").type(PASSWORD)
        self.b.find("#signin-submit").click()
        self.wait_loaded(before)
        expect(self.js("return location.hash") == view, f"the view {view} again", self.js("return location.hash"))

    def finish(self):
        skipped = len(STEPS) - self.ran
        print(f"{self.ran - len(self.failed)} passed, {len(self.failed)} failed" + (f", {skipped} skipped" if skipped else ""))
        return 1 if self.failed else 0


STEPS = [
    ("the sign-in form", "sign_in_form", True),
    ("a wrong password shows an error", "wrong_password", False),
    ("sign in as tje0", "sign_in", True),
    ("the newest chats, newest first, as the API answers", "newest_first", False),
    ("add a column through the picker", "add_column", False),
    ("sort by clicking headers (Shift adds a key)", "sort_by_header", False),
    ("a filter error shows at its position", "filter_error", False),
    ("completion, then the fixed filter: every rating > 3", "filter_fixed", False),
    ("page forward and back", "paging", False),
    ("a period button adds and removes its condition", "period_button", False),
    ("group by topic, with a chart and the grand total; the charts", "group_with_chart", False),
    ("open a chat and change its rating (a field error first)", "change_rating", False),
    ("open a chat with the keyboard", "open_by_keyboard", False),
    ("export CSV", lambda t: t.export("csv"), False),
    ("export NDJSON", lambda t: t.export("ndjson"), False),
    ("readable at 390 px wide", "phone_width", False),
    ("the opening view's screenshot", "opening_screenshot", False),
    ("sign out, and in again to the same view", "sign_out", False),
    ("a session that ends keeps the view", "session_ended", False),
    # Reloads the page (which forgets the user name typed at sign-in): after the sign-in steps.
    ("a view opened from its address: the skip link, a group's quoted value", "view_from_address", False),
    ("no console errors", "no_console_errors", False),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server-binary", required=True, help="the archive binary")
    parser.add_argument("--keep-server", action="store_true", help="leave the server running at the end")
    parser.add_argument("--screenshot", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "page.png"))
    parser.add_argument("--page-dir", help="serve the page from this folder (ARCHIVE_PAGE_DIR, debug builds) instead of the binary's copy")
    args = parser.parse_args()

    started = time.monotonic()
    server = Server(os.path.abspath(args.server_binary), args.page_dir)
    print(f"# server at {server.base} ({time.monotonic() - started:.1f} s)", flush=True)
    downloads = tempfile.mkdtemp(prefix="archive-page-downloads-")
    status = 1
    try:
        with Chrome(width=1280, height=800, download_dir=downloads) as browser:
            browser.emulate_viewport(1280, 800)
            test = PageTest(server, browser, os.path.abspath(args.screenshot), downloads)
            try:
                for name, step, required in STEPS:
                    action = (lambda s=step: s(test)) if callable(step) else getattr(test, step)
                    test.run(name, action, required)
                status = test.finish()
            except SystemExit as stop:
                status = stop.code if isinstance(stop.code, int) else 1
    finally:
        server.stop(keep=args.keep_server)
        shutil.rmtree(downloads, ignore_errors=True)
    print(f"# {time.monotonic() - started:.1f} s in all")
    return status


if __name__ == "__main__":
    sys.exit(main())
