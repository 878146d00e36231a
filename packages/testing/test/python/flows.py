"""Drives a running effect-bootpay-fake with Python's standard library only, as a merchant's Python
tests would: the control API sets the fake up, Bootpay's own API is called as a Python SDK calls it,
and a small http.server receives the webhooks.

Usage: python3 flows.py http://127.0.0.1:PORT/v2
Prints "ok <flow>" for each flow that passed; exits 1 at the first that fails.
"""

import base64
import json
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

API = sys.argv[1].rstrip("/")
ORIGIN = API[: -len("/v2")]
CONTROL = ORIGIN + "/__fake"
BASIC = "Basic " + base64.b64encode(b"test:test").decode()
TIMEOUT = 5


def call(method, url, body=None, headers=None):
    """One HTTP call: (status, parsed JSON body)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("content-type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            text = response.read().decode()
            return response.status, (json.loads(text) if text else None)
    except urllib.error.HTTPError as error:
        text = error.read().decode()
        return error.code, (json.loads(text) if text else None)


def control(method, path, body=None):
    return call(method, CONTROL + path, body)


def api(method, path, body=None, auth=BASIC):
    return call(method, API + path, body, {"authorization": auth} if auth else {})


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def eventually(condition, what, seconds=5.0):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out: %s (webhooks received: %s)" % (what, [(e["receipt_id"], e["webhook_type"]) for e in received]))
        time.sleep(0.02)


received = []
fail_first = set()


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("content-length") or 0)
        event = json.loads(self.rfile.read(length).decode())
        received.append(event)
        key = event["receipt_id"]
        if key in fail_first:
            fail_first.discard(key)
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b'{"success": false}')
            return
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"success": true}')

    def log_message(self, *args):
        pass


def events_for(receipt_id):
    """The webhook types received for a receipt, sorted: deliveries run concurrently, as Bootpay's do."""
    return sorted(event["webhook_type"] for event in received if event["receipt_id"] == receipt_id)


def iso(moment):
    return moment.isoformat(timespec="seconds")


def clock_now():
    return datetime.fromtimestamp(control("GET", "/clock")[1]["now"] / 1000, timezone.utc)


def flow(name):
    def wrap(body):
        body()
        print("ok " + name, flush=True)
        return body

    return wrap


server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
threading.Thread(target=server.serve_forever, daemon=True).start()
hook = "http://127.0.0.1:%d/bootpay/webhook" % server.server_address[1]

status, settings = control("PUT", "/webhook", {"url": hook, "interval_millis": 50})
check(status == 200 and settings["url"] == hook, "webhook target set")


@flow("browser pays, server confirms, partial cancel, read back, webhooks")
def _():
    status, receipt = control("POST", "/receipts", {"status": 2, "price": 10000, "order_id": "order-py-1"})
    check(status == 201 and receipt["status"] == 2, "receipt awaiting confirm")
    rid = receipt["receipt_id"]
    status, confirmed = api("POST", "/confirm", {"receipt_id": rid})
    check(status == 200 and confirmed["status"] == 1, "confirmed: %s" % confirmed)
    status, cancelled = api("POST", "/cancel", {"receipt_id": rid, "cancel_price": 3000, "cancel_id": "c-py-1"})
    check(status == 200 and cancelled["cancelled_price"] == 3000, "partly cancelled: %s" % cancelled)
    status, again = api("POST", "/cancel", {"receipt_id": rid, "cancel_price": 3000, "cancel_id": "c-py-1"})
    check(status == 400 and again["error_code"] == "RC_CANCEL_SERVER_ERROR", "cancel_id used once")
    status, read = api("GET", "/receipt/" + rid)
    check(status == 200 and read["status"] == 20 and read["cancelled_price"] == 3000, "read back: %s" % read)
    check(read["purchased_at"].endswith("+09:00"), "Korea time")
    eventually(lambda: events_for(rid) == ["PAYMENT_COMPLETED", "PAYMENT_PARTIAL_CANCELLED"], "two webhooks")
    check(sorted(e["cancelled_price"] for e in received if e["receipt_id"] == rid) == [0, 3000], "webhook bodies")
    status, deliveries = control("GET", "/webhook/deliveries")
    mine = [d for d in deliveries if d["receiptId"] == rid]
    eventually(
        lambda: all(d["status"] == "succeeded" for d in control("GET", "/webhook/deliveries")[1] if d["receiptId"] == rid),
        "deliveries succeeded",
    )
    check(len(mine) == 2, "deliveries visible over the control API")


@flow("webhook retried until 200 {success: true}")
def _():
    status, receipt = control("POST", "/receipts", {"status": 2, "price": 5000})
    rid = receipt["receipt_id"]
    fail_first.add(rid)
    api("POST", "/confirm", {"receipt_id": rid})
    eventually(lambda: events_for(rid) == ["PAYMENT_COMPLETED", "PAYMENT_COMPLETED"], "delivered twice")

    def settled():
        found = [d for d in control("GET", "/webhook/deliveries")[1] if d["receiptId"] == rid]
        return len(found) == 1 and found[0]["status"] == "succeeded"

    eventually(settled, "succeeded after a retry")
    delivery = [d for d in control("GET", "/webhook/deliveries")[1] if d["receiptId"] == rid][0]
    check([a["status"] for a in delivery["attempts"]] == [500, 200], "attempts %s" % delivery["attempts"])


@flow("virtual account issued, then its webhook")
def _():
    status, receipt = control("POST", "/receipts", {"method_symbol": "vbank", "price": 20000})
    check(status == 201 and receipt["status"] == 5 and "vbank_data" in receipt, "vbank receipt")
    eventually(lambda: events_for(receipt["receipt_id"]) == ["PAYMENT_VIRTUAL_ACCOUNT_ISSUED"], "vbank webhook")


@flow("cash receipt on a bank-transfer payment")
def _():
    status, receipt = control("POST", "/receipts", {"method_symbol": "bank", "price": 15000})
    check(receipt["method_symbol"] == "bank", "bank receipt")
    status, published = api(
        "POST",
        "/request/receipt/cash/publish",
        {"receipt_id": receipt["receipt_id"], "identity_no": "01012345678", "cash_receipt_type": "소득공제"},
    )
    check(status == 200 and published["cash_receipt_data"]["cash_receipt_type"] == 1, "cash receipt %s" % published)


@flow("phone payment from last month cannot be cancelled")
def _():
    purchased = clock_now() - timedelta(days=40)
    status, receipt = control(
        "POST", "/receipts", {"method_symbol": "phone", "purchased_at": iso(purchased)}
    )
    check(status == 201, "phone receipt")
    status, refused = api("POST", "/cancel", {"receipt_id": receipt["receipt_id"]})
    check(status == 400 and refused["error_code"] == "RC_CANCEL_SERVER_ERROR", "refused: %s" % refused)


@flow("bank-transfer billing key after the holder's consent, then a charge")
def _():
    request = {
        "pg": "nicepay",
        "order_name": "정기구독",
        "subscription_id": "sub-py-1",
        "username": "홍길동",
        "bank_name": "국민",
        "bank_account": "12345678901234",
        "identity_no": "900101",
        "phone": "01012345678",
    }
    status, pending = api("POST", "/request/subscribe/automatic-transfer", request)
    check(status == 200 and pending["status"] == 41, "request %s" % pending)
    rid = pending["receipt_id"]
    status, early = api("POST", "/request/subscribe/automatic-transfer/publish", {"receipt_id": rid})
    check(status == 400 and early["error_code"] == "SUBSCRIBE_REQUEST_FAILED", "no consent yet")
    status, consented = control("POST", "/transfer-requests/%s/consent" % rid)
    check(status == 200 and consented["consented"], "consent")
    status, key = api("POST", "/request/subscribe/automatic-transfer/publish", {"receipt_id": rid})
    check(status == 200 and key["status"] == 11, "published %s" % key)
    status, paid = api(
        "POST",
        "/subscribe/payment",
        {"billing_key": key["billing_key"], "order_name": "월 구독료", "price": 9900, "order_id": "order-py-2"},
    )
    check(status == 200 and paid["status"] == 1, "charged %s" % paid)


@flow("numeric order_id refused with INVALID_PARAMETER")
def _():
    status, key = control("POST", "/billing-keys", {})
    status, refused = api(
        "POST", "/subscribe/payment", {"billing_key": key["billing_key"], "order_name": "x", "price": 100, "order_id": 42}
    )
    check(status == 400 and refused["error_code"] == "INVALID_PARAMETER", "refused %s" % refused)


@flow("declined charge injected, then a normal charge")
def _():
    status, key = control("POST", "/billing-keys", {})
    status, injected = control(
        "POST",
        "/faults",
        {"type": "decline", "error_code": "RC_CONFIRM_FAILED", "pg_error_code": "3011", "operation": "Subscription.pay"},
    )
    check(status == 201, "fault injected")
    charge = {"billing_key": key["billing_key"], "order_name": "x", "price": 100, "order_id": "o-py-d1"}
    status, declined = api("POST", "/subscribe/payment", charge)
    check(status == 400 and declined["error_code"] == "RC_CONFIRM_FAILED" and declined["pg_error_code"] == "3011", "declined")
    status, paid = api("POST", "/subscribe/payment", dict(charge, order_id="o-py-d2"))
    check(status == 200 and paid["status"] == 1, "then paid")


@flow("bad control input lists every problem")
def _():
    status, refused = control("POST", "/receipts", {"status": 3, "price": "x", "colour": "red"})
    check(status == 400 and refused["error_code"] == "FAKE_INVALID_INPUT", "refused")
    check(sorted(p["path"] for p in refused["problems"]) == ["colour", "price", "status"], "problems %s" % refused)


@flow("reservation in UTC answered in +09:00, runs when the clock reaches it")
def _():
    status, key = control("POST", "/billing-keys", {})
    at = clock_now() + timedelta(hours=1)
    body = {
        "billing_key": key["billing_key"],
        "order_name": "예약",
        "price": 1000,
        "order_id": "order-py-r1",
        "reserve_execute_at": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    status, reserved = api("POST", "/subscribe/payment/reserve", body)
    check(status == 200 and reserved["reserve_execute_at"].endswith("+09:00"), "reserved %s" % reserved)
    rid = reserved["reserve_id"]
    check(api("GET", "/subscribe/payment/reserve/" + rid)[1]["status"] == 0, "not yet")
    control("POST", "/clock/advance", {"by": "2 hours"})
    status, ran = api("GET", "/subscribe/payment/reserve/" + rid)
    check(ran["status"] == 1 and ran["receipt_id"], "executed %s" % ran)
    past = dict(body, order_id="order-py-r2", reserve_execute_at=(clock_now() - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ"))
    status, refused = api("POST", "/subscribe/payment/reserve", past)
    check(refused["error_code"] == "RESERVE_EXECUTE_AT_INVALID", "past refused")


@flow("token: the same within 25 minutes, new after, expired after 30")
def _():
    credentials = {"application_id": "test", "private_key": "test"}
    status, first = api("POST", "/request/token", credentials, auth=None)
    check(status == 200 and first["expire_in"] > 0, "token")
    status, second = api("POST", "/request/token", credentials, auth=None)
    check(second["access_token"] == first["access_token"], "same token")
    bearer = "Bearer " + first["access_token"]
    check(api("GET", "/receipt/none", auth=bearer)[0] == 404, "token accepted")
    control("POST", "/clock/advance", {"by": "26 minutes"})
    status, third = api("POST", "/request/token", credentials, auth=None)
    check(third["access_token"] != first["access_token"], "new token after 25 minutes")
    control("POST", "/clock/advance", {"by": "5 minutes"})
    status, expired = api("GET", "/receipt/none", auth=bearer)
    check(status == 401 and expired["error_code"] == "TOKEN_KEY_INVALID", "old token expired")


@flow("identity verification with the test code; an old one expires")
def _():
    status, code = control("GET", "/otp")
    check(code["otp"] == "000000", "test OTP")
    request = {
        "pg": "다날",
        "method": "본인인증",
        "authentication_id": "auth-py-1",
        "order_name": "본인인증",
        "username": "홍길동",
        "identity_no": "9001011",
        "carrier": "SKT",
        "phone": "01012345678",
        "client_ip": "127.0.0.1",
    }
    status, started = api("POST", "/request/authentication", request)
    check(status == 200, "started %s" % started)
    status, confirmed = api("POST", "/authenticate/confirm", {"receipt_id": started["receipt_id"], "otp": code["otp"]})
    check(status == 200 and confirmed["status"] == 12, "confirmed")
    status, late = api("POST", "/request/authentication", dict(request, authentication_id="auth-py-2"))
    control("POST", "/clock/advance", {"by": "31 minutes"})
    status, expired = api("POST", "/authenticate/confirm", {"receipt_id": late["receipt_id"], "otp": "000000"})
    check(status == 400 and expired["error_code"] == "AUTH_EXPIRED", "expired %s" % expired)


@flow("frozen test clock: freeze, set, advance, resume")
def _():
    status, frozen = control("POST", "/clock/freeze", {"at": "2027-03-01T09:00:00+09:00"})
    check(frozen["frozen"] and frozen["iso"] == "2027-03-01T09:00:00+09:00", "frozen %s" % frozen)
    status, receipt = control("POST", "/receipts", {})
    check(receipt["purchased_at"] == "2027-03-01T09:00:00+09:00", "stamped with the test clock")
    status, moved = control("POST", "/clock/advance", {"by": "1 day"})
    check(moved["iso"] == "2027-03-02T09:00:00+09:00", "advanced")
    status, set_ = control("POST", "/clock/set", {"to": "2027-04-01T00:00:00+09:00"})
    check(set_["iso"] == "2027-04-01T00:00:00+09:00", "set")
    status, resumed = control("POST", "/clock/resume")
    check(not resumed["frozen"], "resumed")


@flow("requests received are listed; reset forgets everything")
def _():
    status, requests = control("GET", "/requests?operation=Receipt.cancel")
    check(len(requests) >= 2 and all(r["operation"] == "Receipt.cancel" for r in requests), "cancel requests")
    check(all("authorization" not in r["headers"] for r in requests), "no authorization recorded")
    status, reset = control("POST", "/reset")
    check(reset == {"reset": True}, "reset")
    check(control("GET", "/receipts")[1] == [] and control("GET", "/requests")[1] == [], "empty")


server.shutdown()
