"""The browser seat in a real browser: headless Chromium (Debian's chromium and
chromium-driver, through Selenium) signs in, gets the morning, and signs out.
Screenshots at 1280×800 and at a phone's 390×844 are saved beside the test's
database for a person to look at."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from tests.seat.conftest import PASSWORD

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER), reason="Debian's chromium and chromium-driver are not installed"
)


@pytest.fixture
def browser(tmp_path: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--lang=fi",
        f"--user-data-dir={tmp_path / 'chromium'}",
        "--window-size=1280,800",
    ):
        options.add_argument(flag)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option(
        "prefs",
        {
            "intl.accept_languages": "fi,en",
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
        },
    )
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def _sign_in(browser, url: str, member: str, password: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(url + "/")
    browser.find_element(By.ID, "member").send_keys(member)
    browser.find_element(By.ID, "password").send_keys(password)
    browser.find_element(By.ID, "signin").click()


def _until(condition, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_a_member_signs_in_from_a_browser_and_gets_the_morning(served, browser, tmp_path):
    from selenium.webdriver.common.by import By

    _sign_in(browser, served.url, "aino", "väärä-salasana")
    assert _until(lambda: browser.find_elements(By.ID, "problem"))  # the answer has loaded
    problem = browser.find_element(By.ID, "problem").text
    assert problem == "Nimi tai salasana ei kelpaa."  # the browser asked for Finnish
    browser.save_screenshot(str(tmp_path / "signin-refused-1280x800.png"))
    _sign_in(browser, served.url, "aino", PASSWORD)
    assert _until(lambda: "seat opened: Aino" in served.logged()), served.logged()
    assert _until(
        lambda: "-first-byte" in browser.find_element(By.TAG_NAME, "body").get_attribute("class")
    )
    time.sleep(2)  # the morning's rows painted
    browser.save_screenshot(str(tmp_path / "morning-1280x800.png"))
    from selenium.webdriver.common.action_chains import ActionChains

    browser.execute_script("document.querySelector('.xterm-helper-textarea').focus()")
    ActionChains(browser).send_keys("p").perform()  # print: in a seat, a PDF download
    downloads = tmp_path / "downloads"
    assert _until(lambda: any(p.suffix == ".pdf" for p in downloads.iterdir())), served.logged()
    (pdf,) = downloads.glob("*.pdf")
    assert pdf.name == "tehtavat-2026-11-22.pdf" and pdf.read_bytes().startswith(b"%PDF")
    assert browser.get_cookie("ladder_seat")["httpOnly"]
    browser.set_window_size(390, 844)
    browser.get(served.url + "/signout")
    assert browser.find_element(By.ID, "signin")  # signed out: the sign-in page again
    browser.save_screenshot(str(tmp_path / "signin-390x844.png"))
    assert browser.get_cookie("ladder_seat") is None
    assert _until(lambda: "seat closed: Aino" in served.logged())
