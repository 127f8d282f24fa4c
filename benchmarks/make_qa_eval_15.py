"""Writes ``benchmarks/qa_eval_15.jsonl``: the multilingual Q&A evaluation set of issue 12.

    python benchmarks/make_qa_eval_15.py

21 hand-written questions in each of the 15 languages of the encoder (315 in all) over
the demo catalog: attribute questions (generic and the demo's own attributes), product
descriptions written in another language, FAQ (shop-wide and per product, mostly in
another language), comparisons and superlatives, and unanswerable questions. Products
rotate over the languages so that each language asks about different products.
"""

from __future__ import annotations

import json
from pathlib import Path

LANGS = ("en", "es", "de", "fr", "it", "pt", "nl", "pl", "ru", "ja", "zh", "ko", "ar", "th", "tr")
WEIGHT = [["attribute", "weight_g"], ["attribute", "weight_kg"]]
TEXT = [["description", "*"], ["title", "*"]]

#: slot -> (type, products rotating over the languages, expectation, questions per language)
SLOTS: dict[str, tuple[str, list[str | None], object, dict[str, str]]] = {
    "weight": ("attribute", [
        "DEMO-EN-RAINJACKET", "JKT-0001", "BOT-0001", "RUN-0001", "BPK-0001", "TAB-0002",
        "DEMO-DE-ZELT", "TNT-0001", "JKT-0002", "BOT-0002", "RUN-0002", "BPK-0002", "TNT-0002",
        "WAT-0002", "TAB-0001"], WEIGHT, {
        "en": "How much does it weigh?", "es": "¿Cuánto pesa?", "de": "Wie viel wiegt es?",
        "fr": "Combien pèse-t-il ?", "it": "Quanto pesa questo prodotto?",
        "pt": "Qual é o peso deste produto?", "nl": "Hoeveel weegt het?", "pl": "Ile to waży?",
        "ru": "Сколько это весит?", "ja": "重さはどのくらいですか？", "zh": "它有多重？",
        "ko": "무게가 얼마나 되나요?", "ar": "كم يبلغ وزنه؟", "th": "สินค้านี้หนักกี่กรัม",
        "tr": "Ağırlığı ne kadar?"}),
    "material": ("attribute", [
        "JKT-0002", "TSH-0001", "BOT-0002", "CKW-0002", "LMP-0002", "COF-0002",
        "DEMO-FR-LAMPE", "KET-0001", "TNT-0002", "DEMO-ES-CAFETERA", "TSH-0002", "CKW-0001",
        "WAT-0001", "BPK-0002", "DSH-0001"], [["attribute", "material"]], {
        "en": "What is it made of?", "es": "¿De qué material está hecho?",
        "de": "Aus welchem Material ist es?", "fr": "En quelle matière est-il fait ?",
        "it": "Di che materiale è fatto?", "pt": "De que material é feito?",
        "nl": "Van welk materiaal is het gemaakt?", "pl": "Z jakiego materiału jest wykonany?",
        "ru": "Из какого материала он сделан?", "ja": "素材は何ですか？",
        "zh": "这是什么材质的？", "ko": "소재가 무엇인가요?", "ar": "من أي مادة مصنوع؟",
        "th": "ทำจากวัสดุอะไร", "tr": "Hangi malzemeden yapılmış?"}),
    "color": ("attribute", [
        "DEMO-EN-RAINJACKET", "JKT-0001", "TSH-0002", "RUN-0002", "KET-0002", "LMP-0001",
        "DEMO-JA-HEADPHONES", "HPH-0002", "WAT-0002", "TNT-0001", "BPK-0001", "CKW-0001",
        "DSH-0002", "TAB-0002", "BOT-0001"], [["attribute", "color"]], {
        "en": "What colour is it?", "es": "¿De qué color es?", "de": "Welche Farbe hat es?",
        "fr": "De quelle couleur est-il ?", "it": "Di che colore è?",
        "pt": "De que cor é este produto?", "nl": "Welke kleur heeft het?",
        "pl": "Jaki ma kolor?", "ru": "Какого он цвета?", "ja": "色は何色ですか？",
        "zh": "这是什么颜色？", "ko": "색상이 무엇인가요?", "ar": "ما لونه؟",
        "th": "สินค้านี้มีสีอะไร", "tr": "Bu ürünün rengi ne?"}),
    "price": ("attribute", [
        "TSH-0001", "KET-0001", "DSH-0001", "GAM-0001", "GAM-0002", "SKN-0001", "SKN-0002",
        "WAT-0001", "TAB-0001", "HPH-0001", "COF-0001", "LMP-0002", "BPK-0002", "RUN-0001",
        "DEMO-DE-ZELT"], [["attribute", "price"]], {
        "en": "How much does it cost?", "es": "¿Cuánto cuesta?", "de": "Was kostet es?",
        "fr": "Combien coûte-t-il ?", "it": "Quanto costa?", "pt": "Quanto custa?",
        "nl": "Wat kost het?", "pl": "Ile kosztuje?", "ru": "Сколько это стоит?",
        "ja": "値段はいくらですか？", "zh": "这个多少钱？", "ko": "가격이 얼마예요?",
        "ar": "كم سعره؟", "th": "ราคาเท่าไหร่", "tr": "Fiyatı ne kadar?"}),
    "stock": ("attribute", [
        "BOT-0002", "HPH-0001", "SKN-0001", "TNT-0001", "BPK-0001", "JKT-0001", "KET-0002",
        "LMP-0001", "GAM-0002", "COF-0002", "DSH-0002", "WAT-0002", "TSH-0002", "RUN-0002",
        "DEMO-FR-LAMPE"], [["attribute", "in_stock"]], {
        "en": "Is it in stock?", "es": "¿Está disponible en stock?",
        "de": "Ist es auf Lager?", "fr": "Est-il en stock ?",
        "it": "È disponibile in magazzino?", "pt": "Está disponível em estoque?",
        "nl": "Is het op voorraad?", "pl": "Czy jest dostępny w magazynie?",
        "ru": "Есть ли он в наличии?", "ja": "在庫はありますか？", "zh": "有现货吗？",
        "ko": "재고가 있나요?", "ar": "هل هو متوفر في المخزون؟", "th": "มีสินค้าในสต็อกไหม",
        "tr": "Stokta var mı?"}),
    "waterproof": ("attribute", [
        "DEMO-EN-RAINJACKET", "BPK-0002", "WAT-0001", "BOT-0001", "TNT-0002", "RUN-0001",
        "JKT-0002", "BPK-0001", "WAT-0002", "BOT-0002", "TNT-0001", "RUN-0002", "JKT-0001",
        "DEMO-DE-ZELT", "DEMO-EN-RAINJACKET"], [["attribute", "waterproof"]], {
        "en": "Is it waterproof?", "es": "¿Es impermeable?", "de": "Ist es wasserdicht?",
        "fr": "Est-il imperméable ?", "it": "È impermeabile?", "pt": "É impermeável?",
        "nl": "Is het waterdicht?", "pl": "Czy jest wodoodporny?",
        "ru": "Он водонепроницаемый?", "ja": "防水ですか？", "zh": "它防水吗？",
        "ko": "방수가 되나요?", "ar": "هل هو مقاوم للماء؟", "th": "กันน้ำได้ไหม",
        "tr": "Su geçirmez mi?"}),
    "size": ("attribute", [
        "TSH-0001", "BOT-0001", "JKT-0001", "RUN-0001", "TSH-0002", "BOT-0002", "JKT-0002",
        "RUN-0002", "DEMO-EN-RAINJACKET", "TSH-0001", "BOT-0001", "JKT-0001", "RUN-0001",
        "TSH-0002", "BOT-0002"], [["attribute", "size"]], {
        "en": "What size is it?", "es": "¿Qué talla es?", "de": "Welche Größe hat es?",
        "fr": "Quelle est sa taille ?", "it": "Che taglia è?", "pt": "Qual é o tamanho?",
        "nl": "Welke maat is het?", "pl": "Jaki to rozmiar?", "ru": "Какой размер?",
        "ja": "サイズは何ですか？", "zh": "这是什么尺码？", "ko": "사이즈가 어떻게 되나요?",
        "ar": "ما هو المقاس؟", "th": "ไซส์อะไร", "tr": "Bedeni ne?"}),
    "battery": ("attribute", [
        "DEMO-JA-HEADPHONES", "HPH-0001", "TAB-0002", "HPH-0002"], [["attribute", "battery_h"]], {
        "en": "How long does the battery last?", "es": "¿Cuánto dura la batería?",
        "de": "Wie lange hält der Akku?", "fr": "Quelle est l'autonomie de la batterie ?",
        "it": "Quanto dura la batteria?", "pt": "Quanto tempo dura a bateria?",
        "nl": "Hoe lang gaat de batterij mee?", "pl": "Jak długo działa bateria?",
        "ru": "Сколько держит батарея?", "ja": "バッテリーはどのくらい持ちますか？",
        "zh": "电池能用多久？", "ko": "배터리는 얼마나 오래 가나요?",
        "ar": "كم تدوم البطارية؟", "th": "แบตเตอรี่ใช้งานได้นานแค่ไหน",
        "tr": "Pil ömrü ne kadar?"}),
    "vegan": ("attribute", ["SKN-0001", "SKN-0002"], [["attribute", "vegan"]], {
        "en": "Is it vegan?", "es": "¿Es vegano?", "de": "Ist es vegan?",
        "fr": "Est-il végan ?", "it": "È vegano?", "pt": "Este produto é vegano?",
        "nl": "Is het veganistisch?", "pl": "Czy jest wegański?",
        "ru": "Это веганский продукт?", "ja": "ヴィーガンですか？", "zh": "这是纯素的吗？",
        "ko": "비건 제품인가요?", "ar": "هل هو نباتي؟", "th": "เป็นวีแกนไหม",
        "tr": "Vegan mı?"}),
    "dimmable": ("attribute", ["LMP-0001", "DEMO-FR-LAMPE", "LMP-0002"],
        [["attribute", "dimmable"]], {
        "en": "Is it dimmable?", "es": "¿Se puede regular la intensidad?",
        "de": "Ist sie dimmbar?", "fr": "Est-elle dotée d'un variateur ?",
        "it": "È dimmerabile?", "pt": "A intensidade da luz é regulável?",
        "nl": "Is hij dimbaar?", "pl": "Czy można ją przyciemniać?",
        "ru": "Можно ли регулировать яркость?", "ja": "調光できますか？", "zh": "可以调光吗？",
        "ko": "밝기 조절이 되나요?", "ar": "هل يمكن التحكم في شدة الإضاءة؟",
        "th": "หรี่ไฟได้ไหม", "tr": "Işığı kısılabilir mi?"}),
    "hood": ("description", ["DEMO-EN-RAINJACKET"], TEXT, {
        "en": "Does it have a hood?", "es": "¿Tiene capucha?", "de": "Hat sie eine Kapuze?",
        "fr": "Est-ce qu'elle a une capuche ?", "it": "Ha il cappuccio?", "pt": "Tem capuz?",
        "nl": "Heeft hij een capuchon?", "pl": "Czy ma kaptur?",
        "ru": "У неё есть капюшон?", "ja": "フードは付いていますか？", "zh": "有帽子吗？",
        "ko": "후드가 있나요?", "ar": "هل لها غطاء للرأس؟", "th": "มีฮู้ดไหม",
        "tr": "Kapüşonu var mı?"}),
    "rain_cover": ("description", ["BPK-0001"], TEXT, {
        "en": "Does it have a rain cover?", "es": "¿Tiene funda para la lluvia?",
        "de": "Hat er eine Regenhülle?", "fr": "A-t-il une housse de pluie ?",
        "it": "Ha una copertura antipioggia?", "pt": "Tem capa de chuva?",
        "nl": "Heeft hij een regenhoes?", "pl": "Czy ma pokrowiec przeciwdeszczowy?",
        "ru": "Есть ли у него дождевик?", "ja": "レインカバーは付いていますか？",
        "zh": "有防雨罩吗？", "ko": "레인 커버가 있나요?", "ar": "هل له غطاء واق من المطر؟",
        "th": "มีผ้าคลุมกันฝนไหม", "tr": "Yağmur kılıfı var mı?"}),
    "delivery": ("faq", ["TNT-0002"], [["faq", "*"]], {
        "en": "How long does delivery take?", "es": "¿Cuánto tarda el envío?",
        "de": "Wie lange dauert die Lieferung?", "fr": "Quel est le délai de livraison ?",
        "it": "Quanto tempo richiede la consegna?", "pt": "Quanto tempo demora a entrega?",
        "nl": "Hoe lang duurt de levering?", "pl": "Jak długo trwa dostawa?",
        "ru": "Сколько времени занимает доставка?", "ja": "配送にはどのくらいかかりますか？",
        "zh": "配送需要多长时间？", "ko": "배송은 얼마나 걸리나요?",
        "ar": "كم تستغرق مدة التوصيل؟", "th": "การจัดส่งใช้เวลากี่วัน",
        "tr": "Teslimat ne kadar sürer?"}),
    "returns": ("faq", ["LMP-0002"], [["faq", "*"]], {
        "en": "What is your return policy?", "es": "¿Cuál es la política de devoluciones?",
        "de": "Wie funktioniert die Rückgabe?", "fr": "Quelle est votre politique de retour ?",
        "it": "Qual è la politica di reso?", "pt": "Qual é a política de devolução?",
        "nl": "Wat is jullie retourbeleid?", "pl": "Jakie są zasady zwrotów?",
        "ru": "Какие у вас условия возврата?", "ja": "返品ポリシーを教えてください。",
        "zh": "你们的退货政策是什么？", "ko": "반품 정책이 어떻게 되나요?",
        "ar": "ما هي سياسة الإرجاع لديكم؟", "th": "นโยบายการคืนสินค้าเป็นอย่างไร",
        "tr": "İade politikanız nedir?"}),
    "wash": ("faq", ["DEMO-EN-RAINJACKET"], [["faq", "*"], *TEXT], {
        "en": "Can I wash it in the washing machine?", "es": "¿Se puede lavar en la lavadora?",
        "de": "Kann man sie in der Waschmaschine waschen?", "fr": "Peut-on la laver en machine ?",
        "it": "Si può lavare in lavatrice?", "pt": "Posso lavar na máquina de lavar?",
        "nl": "Mag hij in de wasmachine?", "pl": "Czy można ją prać w pralce?",
        "ru": "Можно ли стирать её в стиральной машине?", "ja": "洗濯機で洗えますか？",
        "zh": "可以用洗衣机洗吗？", "ko": "세탁기로 빨아도 되나요?",
        "ar": "هل يمكن غسلها في الغسالة؟", "th": "ซักเครื่องได้ไหม",
        "tr": "Çamaşır makinesinde yıkanabilir mi?"}),
    "lightest_tent": ("comparison", [None], {"extreme": {
        "category": "tents", "fields": ["weight_kg", "weight_g"], "lowest": True}}, {
        "en": "Which tent is the lightest?", "es": "¿Cuál es la tienda de campaña más ligera?",
        "de": "Welches Zelt ist das leichteste?", "fr": "Quelle est la tente la plus légère ?",
        "it": "Qual è la tenda più leggera?", "pt": "Qual é a barraca mais leve?",
        "nl": "Wat is de lichtste tent?", "pl": "Który namiot jest najlżejszy?",
        "ru": "Какая палатка самая лёгкая?", "ja": "一番軽いテントはどれですか？",
        "zh": "最轻的帐篷是哪个？", "ko": "가장 가벼운 텐트는 무엇인가요?",
        "ar": "ما هي أخف خيمة؟", "th": "เต็นท์ไหนเบาที่สุด", "tr": "En hafif çadır hangisi?"}),
    "cheapest_kettle": ("comparison", [None], {"extreme": {
        "category": "kettles", "fields": ["price"], "lowest": True}}, {
        "en": "What is the cheapest kettle?", "es": "¿Cuál es el hervidor más barato?",
        "de": "Welcher Wasserkocher ist der günstigste?",
        "fr": "Quelle est la bouilloire la moins chère ?",
        "it": "Qual è il bollitore più economico?", "pt": "Qual é a chaleira mais barata?",
        "nl": "Wat is de goedkoopste waterkoker?", "pl": "Który czajnik jest najtańszy?",
        "ru": "Какой чайник самый дешёвый?", "ja": "一番安い電気ケトルはどれですか？",
        "zh": "最便宜的电水壶是哪个？", "ko": "가장 저렴한 전기주전자는 무엇인가요?",
        "ar": "ما هي أرخص غلاية؟", "th": "กาต้มน้ำไหนถูกที่สุด",
        "tr": "En ucuz su ısıtıcısı hangisi?"}),
    "cheaper_of_two": ("comparison", [None], {"first": "JKT-0002"}, {
        "en": "Which is cheaper, the Fjordline Elba or the Fjordline Dune?",
        "es": "¿Cuál es más barata, la Fjordline Elba o la Fjordline Dune?",
        "de": "Was ist günstiger, die Fjordline Elba oder die Fjordline Dune?",
        "fr": "Laquelle est moins chère, la Fjordline Elba ou la Fjordline Dune ?",
        "it": "Quale è più economica, la Fjordline Elba o la Fjordline Dune?",
        "pt": "Qual é mais barata, a Fjordline Elba ou a Fjordline Dune?",
        "nl": "Welke is goedkoper, de Fjordline Elba of de Fjordline Dune?",
        "pl": "Która jest tańsza: Fjordline Elba czy Fjordline Dune?",
        "ru": "Что дешевле: Fjordline Elba или Fjordline Dune?",
        "ja": "Fjordline Elba または Fjordline Dune、どちらがより安いですか？",
        "zh": "Fjordline Elba 还是 Fjordline Dune，哪个更便宜？",
        "ko": "Fjordline Elba 아니면 Fjordline Dune, 어느 쪽이 더 저렴한가요?",
        "ar": "أيهما أرخص، Fjordline Elba أو Fjordline Dune؟",
        "th": "Fjordline Elba หรือ Fjordline Dune อันไหนถูกกว่า",
        "tr": "Hangisi daha ucuz, Fjordline Elba mı yoksa Fjordline Dune mu?"}),
    "origin": ("unanswerable", ["KET-0001"], "refuse", {
        "en": "In which country is it made?", "es": "¿En qué país se fabrica?",
        "de": "In welchem Land wird es hergestellt?", "fr": "Dans quel pays est-il fabriqué ?",
        "it": "In quale paese viene prodotto?", "pt": "Qual é o país de origem?",
        "nl": "In welk land wordt het gemaakt?", "pl": "W jakim kraju jest produkowany?",
        "ru": "В какой стране он произведён?", "ja": "どこの国で作られていますか？",
        "zh": "这是哪个国家生产的？", "ko": "어느 나라에서 만들어졌나요?",
        "ar": "في أي بلد يتم تصنيعه؟", "th": "ผลิตที่ประเทศอะไร",
        "tr": "Hangi ülkede üretiliyor?"}),
    "glow": ("unanswerable", ["TNT-0002"], "refuse", {
        "en": "Does it glow in the dark?", "es": "¿Brilla en la oscuridad?",
        "de": "Leuchtet es im Dunkeln?", "fr": "Brille-t-il dans le noir ?",
        "it": "Si illumina al buio?", "pt": "Brilha no escuro?",
        "nl": "Geeft het licht in het donker?", "pl": "Czy świeci w ciemności?",
        "ru": "Светится ли он в темноте?", "ja": "暗闇で光りますか？",
        "zh": "它在黑暗中会发光吗？", "ko": "어두운 곳에서 빛이 나나요?",
        "ar": "هل يتوهج في الظلام؟", "th": "เรืองแสงในที่มืดได้ไหม",
        "tr": "Karanlıkta parlıyor mu?"}),
    "console": ("unanswerable", ["LMP-0001"], "refuse", {
        "en": "Is it compatible with a PlayStation 5?",
        "es": "¿Es compatible con la PlayStation 5?",
        "de": "Ist sie mit der PlayStation 5 kompatibel?",
        "fr": "Est-elle compatible avec la PlayStation 5 ?",
        "it": "È compatibile con la PlayStation 5?", "pt": "É compatível com o PlayStation 5?",
        "nl": "Is hij compatibel met de PlayStation 5?",
        "pl": "Czy jest kompatybilna z PlayStation 5?",
        "ru": "Совместима ли она с PlayStation 5?", "ja": "PlayStation 5に対応していますか？",
        "zh": "它兼容PlayStation 5吗？", "ko": "플레이스테이션 5와 호환되나요?",
        "ar": "هل هو متوافق مع بلايستيشن 5؟", "th": "ใช้กับ PlayStation 5 ได้ไหม",
        "tr": "PlayStation 5 ile uyumlu mu?"}),
}  # fmt: skip

OUT = Path(__file__).resolve().parent / "qa_eval_15.jsonl"


def rows() -> list[dict[str, object]]:
    found = []
    for slot, (kind, products, expect, questions) in SLOTS.items():
        assert set(questions) == set(LANGS), slot
        for index, lang in enumerate(LANGS):
            found.append({
                "id": f"m-{slot}-{lang}", "lang": lang, "sku": products[index % len(products)],
                "type": kind, "question": questions[lang], "expect": expect,
            })  # fmt: skip
    return found


if __name__ == "__main__":
    data = rows()
    with OUT.open("w", encoding="utf-8") as handle:
        for row in data:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(data)} questions written to {OUT}")
