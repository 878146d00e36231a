import { Bootpay } from "@effect-bootpay/node"

const bootpay = Bootpay.make({ clientKey: "클라이언트 키", secretKey: "시크릿 키", mode: "development" })

export const approve = async (receiptId: string, expectedPrice: number) => {
  const receipt = await bootpay.receipt.lookup(receiptId)
  if (receipt.price !== expectedPrice) throw new Error("결제 금액이 주문 금액과 다릅니다")
  return bootpay.receipt.confirm(receiptId)
}

export {}
