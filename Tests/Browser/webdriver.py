"""A small W3C WebDriver client for chromedriver, on Python's standard library only.

    with Chrome(download_dir="/tmp/x") as browser:
        browser.get("http://127.0.0.1:8080/")
        browser.find("#signin-username").type("tje0")
        browser.find("#signin-submit").click()
        browser.wait_for(lambda: browser.execute("return document.title"))
        browser.screenshot("page.png")

It starts chromedriver on a free port, opens one headless Chromium session, and
offers find / click / type / wait-for / execute-script / screenshot /
set-window-size / browser logs, plus Chrome's DevTools commands.
"""

import base64
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf"

# W3C key codes for actions and send-keys.
KEYS = {
    "ENTER": "\ue007", "TAB": "\ue004", "ESCAPE": "\ue00c", "SPACE": "\ue00d", "BACKSPACE": "\ue003",
    "SHIFT": "\ue008", "CONTROL": "\ue009", "ARROW_UP": "\ue013", "ARROW_DOWN": "\ue015",
    "ARROW_LEFT": "\ue012", "ARROW_RIGHT": "\ue014", "HOME": "\ue011", "END": "\ue010",
}


class WebDriverError(Exception):
    """An error answer of the driver: its W3C error code and message."""

    def __init__(self, error, message):
        super().__init__(f"{error}: {message}")
        self.error = error


class WaitTimeout(AssertionError):
    """wait_for gave up."""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def find_binary(*names):
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    raise FileNotFoundError(f"none of {', '.join(names)} is installed")


class Element:
    def __init__(self, driver, element_id, selector=""):
        self.driver = driver
        self.id = element_id
        self.selector = selector

    def _call(self, method, path, body=None):
        return self.driver.command(method, f"/element/{self.id}{path}", body)

    def click(self):
        self._call("POST", "/click", {})
        return self

    def type(self, text):
        """Sends keys to the element (focusing it); KEYS values are special keys."""
        self._call("POST", "/value", {"text": text})
        return self

    def clear(self):
        self._call("POST", "/clear", {})
        return self

    @property
    def text(self):
        return self._call("GET", "/text")

    def attribute(self, name):
        return self._call("GET", f"/attribute/{name}")

    def property(self, name):
        return self._call("GET", f"/property/{name}")

    def displayed(self):
        return bool(self._call("GET", "/displayed"))

    def find(self, selector):
        return self.driver.find(selector, root=self)

    def find_all(self, selector):
        return self.driver.find_all(selector, root=self)

    def __repr__(self):
        return f"<Element {self.selector or self.id}>"


class Chrome:
    """One headless Chromium session through chromedriver, started on a free port."""

    def __init__(self, width=1280, height=800, download_dir=None, chromium=None, chromedriver=None, timeout=10.0):
        self.timeout = timeout
        self.download_dir = download_dir
        driver_path = chromedriver or find_binary("chromedriver")
        browser_path = chromium or find_binary("chromium", "chromium-browser", "google-chrome")
        self.port = free_port()
        self.log_file = tempfile.TemporaryFile()
        self.process = subprocess.Popen([driver_path, f"--port={self.port}"], stdout=self.log_file, stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{self.port}"
        self.session = None
        self._wait_ready()
        options = {
            "binary": browser_path,
            "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},{height}",
                     "--disable-gpu", "--no-first-run", "--disable-extensions", "--lang=en-US"],
        }
        if download_dir:
            options["prefs"] = {"download.default_directory": download_dir, "download.prompt_for_download": False,
                                "download.directory_upgrade": True, "safebrowsing.enabled": False}
        capabilities = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": options,
            "goog:loggingPrefs": {"browser": "ALL"},
            "timeouts": {"implicit": 0, "pageLoad": 30000, "script": 30000},
        }}}
        answer = self._request("POST", "/session", capabilities)
        self.session = answer["sessionId"]
        if download_dir:
            # Headless Chromium also wants to be told over DevTools that downloads are allowed.
            self.cdp("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": download_dir, "eventsEnabled": False})

    # ---- plumbing ----

    def _wait_ready(self):
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"chromedriver exited ({self.process.returncode}): {self._driver_log()}")
            try:
                if self._request("GET", "/status").get("ready"):
                    return
            except (OSError, WebDriverError):
                pass
            time.sleep(0.05)
        raise RuntimeError("chromedriver did not start in 15 s")

    def _driver_log(self):
        self.log_file.seek(0)
        return self.log_file.read().decode("utf-8", "replace")[-2000:]

    def _request(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json; charset=utf-8"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                payload = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            payload = json.loads(error.read() or b"{}")
            value = payload.get("value", {})
            raise WebDriverError(value.get("error", str(error.code)), value.get("message", "")) from None
        return payload.get("value", payload)

    def command(self, method, path, body=None):
        return self._request(method, f"/session/{self.session}{path}", body)

    def cdp(self, command, params=None):
        """A Chrome DevTools Protocol command (chromedriver's goog/cdp/execute)."""
        return self.command("POST", "/goog/cdp/execute", {"cmd": command, "params": params or {}})

    def quit(self):
        try:
            if self.session:
                self.command("DELETE", "")
        except (OSError, WebDriverError):
            pass
        finally:
            self.session = None
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.log_file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.quit()

    # ---- navigation and scripts ----

    def get(self, url):
        self.command("POST", "/url", {"url": url})

    @property
    def url(self):
        return self.command("GET", "/url")

    def refresh(self):
        self.command("POST", "/refresh", {})

    def back(self):
        self.command("POST", "/back", {})

    def execute(self, script, *args):
        """Runs a function body in the page (`return …`); elements pass as Element both ways."""
        return self._unwrap(self.command("POST", "/execute/sync", {"script": script, "args": [self._wrap(a) for a in args]}))

    def execute_async(self, script, *args):
        """The last argument is the callback: `arguments[arguments.length - 1](value)`."""
        return self._unwrap(self.command("POST", "/execute/async", {"script": script, "args": [self._wrap(a) for a in args]}))

    def _wrap(self, value):
        return {ELEMENT_KEY: value.id} if isinstance(value, Element) else value

    def _unwrap(self, value):
        if isinstance(value, dict) and ELEMENT_KEY in value:
            return Element(self, value[ELEMENT_KEY])
        if isinstance(value, list):
            return [self._unwrap(item) for item in value]
        if isinstance(value, dict):
            return {key: self._unwrap(item) for key, item in value.items()}
        return value

    # ---- elements ----

    def find(self, selector, root=None):
        """The first element matching a CSS selector; raises WebDriverError('no such element')."""
        path = f"/element/{root.id}/element" if root else "/element"
        value = self.command("POST", path, {"using": "css selector", "value": selector})
        return Element(self, value[ELEMENT_KEY], selector)

    def find_all(self, selector, root=None):
        path = f"/element/{root.id}/elements" if root else "/elements"
        return [Element(self, v[ELEMENT_KEY], selector) for v in self.command("POST", path, {"using": "css selector", "value": selector})]

    def exists(self, selector):
        return bool(self.find_all(selector))

    def active_element(self):
        return Element(self, self.command("GET", "/element/active")[ELEMENT_KEY])

    def wait_for(self, condition, timeout=None, message="the condition", interval=0.05):
        """Calls condition() until it answers something truthy (and answers that), or fails after timeout."""
        deadline = time.monotonic() + (timeout or self.timeout)
        last_error = None
        while True:
            try:
                result = condition()
                if result:
                    return result
            except WebDriverError as error:
                last_error = error
            if time.monotonic() > deadline:
                detail = f" (last error: {last_error})" if last_error else ""
                raise WaitTimeout(f"timed out after {timeout or self.timeout:.0f} s waiting for {message}{detail}")
            time.sleep(interval)

    def wait_for_element(self, selector, timeout=None, visible=True):
        def present():
            found = self.find_all(selector)
            return next((e for e in found if not visible or e.displayed()), None)
        return self.wait_for(present, timeout, message=f"{selector}{' to be visible' if visible else ''}")

    # ---- input ----

    def keys(self, *keys):
        """Presses keys on the focused element (names from KEYS or plain text)."""
        actions = []
        for key in keys:
            for char in KEYS.get(key, key):
                actions += [{"type": "keyDown", "value": char}, {"type": "keyUp", "value": char}]
        self.command("POST", "/actions", {"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})
        self.command("DELETE", "/actions")

    def click_with(self, element, modifier="SHIFT"):
        """Clicks an element while holding a modifier key (Shift-click)."""
        key = KEYS[modifier]
        self.command("POST", "/actions", {"actions": [
            {"type": "key", "id": "keyboard", "actions": [{"type": "keyDown", "value": key}, {"type": "pause", "duration": 0},
                                                           {"type": "pause", "duration": 0}, {"type": "keyUp", "value": key}]},
            {"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"}, "actions": [
                {"type": "pointerMove", "origin": {ELEMENT_KEY: element.id}, "x": 0, "y": 0},
                {"type": "pointerDown", "button": 0}, {"type": "pointerUp", "button": 0}, {"type": "pause", "duration": 0}]},
        ]})
        self.command("DELETE", "/actions")

    def move_mouse(self, x, y):
        """Moves the pointer to a point of the viewport (away from what it would hover)."""
        self.command("POST", "/actions", {"actions": [{"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
                                                       "actions": [{"type": "pointerMove", "origin": "viewport", "x": x, "y": y}]}]})

    # ---- window, screenshots, logs ----

    def set_window_size(self, width, height):
        self.command("POST", "/window/rect", {"width": width, "height": height})

    def emulate_viewport(self, width, height, mobile=False):
        """Sets the page's viewport exactly (a window cannot always be made that narrow)."""
        self.cdp("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    def emulate_media(self, **features):
        """CSS media features, e.g. emulate_media(prefers_reduced_motion="reduce") (underscores become dashes)."""
        self.cdp("Emulation.setEmulatedMedia", {"features": [{"name": k.replace("_", "-"), "value": v} for k, v in features.items()]})

    def clear_emulation(self):
        self.cdp("Emulation.clearDeviceMetricsOverride")

    def screenshot(self, path):
        data = base64.b64decode(self.command("GET", "/screenshot"))
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        with open(path, "wb") as file:
            file.write(data)
        return path

    def logs(self, kind="browser"):
        """The browser's console entries since the last call: [{level, message, timestamp, source}]."""
        return self.command("POST", "/se/log", {"type": kind})
