npx effect-bootpay-fake --port 8787 --webhook-url http://127.0.0.1:9000/bootpay/webhook
# prints http://127.0.0.1:8787/v2
F=http://127.0.0.1:8787/__fake

# receipts in any state and method, as if paid (or started) in the browser
curl -s -X POST $F/receipts -d '{"status": 2, "price": 10000, "order_id": "order-1"}'   # awaiting server confirm
curl -s -X POST $F/receipts -d '{"method_symbol": "phone", "purchased_at": "2026-10-20T10:00:00+09:00"}'
curl -s -X POST $F/receipts -d '{"method_symbol": "vbank", "price": 20000}'             # virtual account issued
curl -s -X POST $F/receipts -d '{"method_symbol": "bank"}'                              # paid by bank transfer
curl -s -X POST $F/billing-keys -d '{"method": "card"}'                                 # or "bank"
curl -s -X POST $F/transfer-requests/RECEIPT_ID/consent                                 # the holder consented

# the SMS code, tokens
curl -s $F/otp
curl -s -X PUT $F/otp -d '{"otp": "123456"}'
curl -s -X POST $F/tokens/expire

# read any object, and the requests the fake received
curl -s $F/receipts                  # also /billing-keys /reservations /transfer-requests
curl -s $F/receipts/RECEIPT_ID       #      /certificates /user-tokens /tokens, each with /{id}
curl -s "$F/requests?operation=Receipt.cancel&since=0"
curl -s -X DELETE $F/requests

# webhooks
curl -s $F/webhook
curl -s -X PUT $F/webhook -d '{"url": "http://127.0.0.1:9000/bootpay/webhook", "format": "json", "attempts": 10, "interval_millis": 1000}'
curl -s $F/webhook/deliveries
curl -s -X POST $F/webhook/deliveries -d '{"receipt_id": "RECEIPT_ID"}'

# faults
curl -s -X POST $F/faults -d '{"type": "decline", "error_code": "RC_CONFIRM_FAILED", "pg_error_code": "3011", "message": "잔액 부족", "operation": "Subscription.pay"}'
curl -s -X POST $F/faults -d '{"type": "respond", "status": 503, "body": {"error_code": "MAINTENANCE", "message": "점검 중"}, "operation": "Receipt.lookup", "times": 2}'
curl -s -X POST $F/faults -d '{"type": "latency", "duration": "3 seconds", "operation": "Receipt.cancel"}'
curl -s -X POST $F/faults -d '{"type": "drop_before", "operation": "Receipt.confirm"}'
curl -s -X POST $F/faults -d '{"type": "drop_after", "operation": "Receipt.cancel"}'
curl -s $F/faults
curl -s -X DELETE $F/faults

# the clock
curl -s $F/clock
curl -s -X POST $F/clock/freeze -d '{"at": "2026-12-01T09:00:00+09:00"}'
curl -s -X POST $F/clock/set -d '{"to": "2026-12-24T00:00:00+09:00"}'
curl -s -X POST $F/clock/advance -d '{"by": "26 minutes"}'
curl -s -X POST $F/clock/resume

# start over
curl -s -X POST $F/reset
