"""Merchant FAQ entries of the demo shop (shop-wide and per product), loaded by demo_setup.

Written by hand for the demo catalog; product entries name their product by SKU.
"""

from __future__ import annotations

from typing import Any

from shop_assistant.models import FAQEntry

from .models import Product

_SHIPPING = {
    "en": (
        "How long does delivery take?",
        "Orders placed before 2 pm on a working day leave our warehouse the same day; "
        "delivery within the EU takes 2 to 4 working days.",
    ),
    "es": (
        "¿Cuánto tarda el envío?",
        "Los pedidos realizados antes de las 14:00 en día laborable salen de nuestro almacén "
        "el mismo día; la entrega en la UE tarda de 2 a 4 días laborables.",
    ),
    "de": (
        "Wie lange dauert die Lieferung?",
        "Bestellungen, die an einem Werktag vor 14 Uhr eingehen, verlassen unser Lager noch "
        "am selben Tag; die Lieferung innerhalb der EU dauert 2 bis 4 Werktage.",
    ),
    "fr": (
        "Quel est le délai de livraison ?",
        "Les commandes passées avant 14 h un jour ouvré quittent notre entrepôt le jour même ; "
        "la livraison dans l'UE prend de 2 à 4 jours ouvrés.",
    ),
    "ja": (
        "配送にはどのくらいかかりますか？",
        "平日14時までのご注文は当日に出荷します。EU域内へのお届けは2〜4営業日です。",
    ),
    "zh": (
        "配送需要多长时间？",
        "工作日下午2点前下的订单当天从仓库发货；欧盟境内配送需要2到4个工作日。",
    ),
}

_RETURNS = {
    "en": (
        "What is your return policy?",
        "You can return any unused item within 30 days of delivery for a full refund; "
        "return shipping is free.",
    ),
    "es": (
        "¿Cuál es la política de devoluciones?",
        "Puedes devolver cualquier artículo sin usar en los 30 días siguientes a la entrega y "
        "te reembolsamos el importe completo; el envío de la devolución es gratuito.",
    ),
    "de": (
        "Wie funktioniert die Rückgabe?",
        "Unbenutzte Artikel können innerhalb von 30 Tagen nach Lieferung gegen volle "
        "Erstattung zurückgegeben werden; der Rückversand ist kostenlos.",
    ),
    "fr": (
        "Quelle est votre politique de retour ?",
        "Vous pouvez retourner tout article non utilisé dans les 30 jours suivant la livraison "
        "pour un remboursement complet ; le retour est gratuit.",
    ),
    "ja": (
        "返品はできますか？",
        "未使用の商品はお届けから30日以内であれば返品でき、全額返金いたします。返送料は無料です。",
    ),
    "zh": (
        "你们的退货政策是什么？",
        "未使用的商品可在收货后30天内退货并全额退款，退货运费免费。",
    ),
}

_WARRANTY = {
    "en": (
        "How long is the warranty?",
        "Electrical appliances and electronics have a 2-year warranty; clothing, footwear and "
        "outdoor gear are covered for 1 year against manufacturing defects.",
    ),
    "es": (
        "¿Cuánto dura la garantía?",
        "Los electrodomésticos y la electrónica tienen 2 años de garantía; la ropa, el calzado "
        "y el equipo de montaña están cubiertos 1 año frente a defectos de fabricación.",
    ),
    "de": (
        "Wie lange gilt die Garantie?",
        "Elektrogeräte und Elektronik haben 2 Jahre Garantie; Bekleidung, Schuhe und "
        "Outdoor-Ausrüstung sind 1 Jahr gegen Herstellungsfehler abgesichert.",
    ),
    "fr": (
        "Quelle est la durée de la garantie ?",
        "Les appareils électriques et l'électronique sont garantis 2 ans ; les vêtements, les "
        "chaussures et l'équipement de plein air sont couverts 1 an contre les défauts de "
        "fabrication.",
    ),
    "ja": (
        "保証期間はどのくらいですか？",
        "家電製品と電子機器は2年間、衣料品・靴・アウトドア用品は製造上の欠陥に対して1年間の保証があります。",
    ),
    "zh": (
        "保修期是多久？",
        "电器和电子产品保修2年；服装、鞋类和户外装备针对制造缺陷保修1年。",
    ),
}

_PAYMENT = {
    "en": (
        "Which payment methods do you accept?",
        "We accept credit and debit cards, PayPal and bank transfer.",
    ),
    "es": (
        "¿Qué formas de pago aceptáis?",
        "Aceptamos tarjetas de crédito y débito, PayPal y transferencia bancaria.",
    ),
    "de": (
        "Welche Zahlungsarten akzeptieren Sie?",
        "Wir akzeptieren Kredit- und Debitkarten, PayPal und Banküberweisung.",
    ),
    "fr": (
        "Quels moyens de paiement acceptez-vous ?",
        "Nous acceptons les cartes de crédit et de débit, PayPal et le virement bancaire.",
    ),
    "ja": (
        "どの支払い方法が使えますか？",
        "クレジットカード、デビットカード、PayPal、銀行振込がご利用いただけます。",
    ),
    "zh": (
        "你们接受哪些付款方式？",
        "我们接受信用卡、借记卡、PayPal和银行转账。",
    ),
}

#: (SKU or None for shop-wide, language, question, answer)
FAQ: list[tuple[str | None, str, str, str]] = [
    (None, lang, question, answer)
    for table in (_SHIPPING, _RETURNS, _WARRANTY, _PAYMENT)
    for lang, (question, answer) in table.items()
] + [
    (
        "DEMO-EN-RAINJACKET",
        "en",
        "Can I put the Storm jacket in the washing machine?",
        "Yes: wash it at 30 °C on a gentle cycle without fabric softener, and re-proof the "
        "membrane with a wash-in waterproofer every few washes.",
    ),
    (
        "DEMO-EN-RAINJACKET",
        "es",
        "¿Se puede lavar la chaqueta Storm en la lavadora?",
        "Sí: lávala a 30 °C en un programa delicado sin suavizante y renueva la "
        "impermeabilización de la membrana cada pocos lavados.",
    ),
    (
        "DEMO-ES-CAFETERA",
        "es",
        "¿La cafetera Classica sirve para placas de inducción?",
        "No, la Classica es de aluminio y no funciona en placas de inducción; para inducción "
        "hace falta un disco adaptador.",
    ),
    (
        "DEMO-JA-HEADPHONES",
        "ja",
        "有線でも使えますか？",
        "はい、付属の3.5mmオーディオケーブルで有線接続でき、バッテリーが切れても音楽を聴けます。",
    ),
    (
        "DEMO-DE-ZELT",
        "de",
        "Ist das Zelt freistehend?",
        "Nein, das Gratwanderer UL2 ist nicht freistehend und muss mit den mitgelieferten "
        "Heringen abgespannt werden.",
    ),
    (
        "DEMO-FR-LAMPE",
        "fr",
        "Quelle ampoule faut-il acheter pour la lampe Douceur ?",
        "Une ampoule LED E14 de 4 W en blanc chaud (2700 K) convient parfaitement ; elle n'est "
        "pas fournie.",
    ),
    (
        "DSH-0008",
        "en",
        "Does the Vento Plus need a water connection?",
        "No, it can be filled by hand through its 5-litre water tank or connected to a tap "
        "with the included adapter.",
    ),
]


def load_faq() -> int:
    """Create the demo FAQ entries that are missing (idempotent); return how many exist."""
    skus = {sku for sku, *_rest in FAQ if sku}
    products: dict[str, Any] = {p.sku: p for p in Product.objects.filter(sku__in=skus)}
    for sku, language, question, answer in FAQ:
        product = products.get(sku) if sku else None
        if sku and product is None:
            continue
        FAQEntry.objects.update_or_create(
            question=question,
            language=language,
            product=product,
            defaults={"answer": answer, "is_published": True},
        )
    return FAQEntry.objects.count()
