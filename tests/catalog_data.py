"""The library tests' own catalog: a small multilingual shop made with the factories.

About eighty products in eleven leaf categories, written in en/es/de/fr/ja from a few
templates per category (a model name and a number or two vary), with brands, prices,
stock, attributes, one variant family, and five products written in one language only,
each the only one of its kind (so a query in another language must reach it through the
multilingual vectors):

* ``JACKET-EN``: the only navy jacket, English only, waterproof, a helmet-compatible hood;
* ``CAFETERA-ES``: the only stovetop moka pot, Spanish only, aluminium;
* ``TENT-DE``: the only ultralight two-person tent, German only;
* ``HEADPHONES-JA``: the only noise-cancelling headphones, Japanese only;
* ``LAMP-FR``: the only linen lamp, French only.

``generated_products`` makes any number of further products from the same templates
(for the space, scale and worker tests).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .factories import brand, category, product
from .testapp.models import Category, Product

LANGUAGES = ("en", "es", "de", "fr", "ja")

#: slug -> (parent slug, names per language in LANGUAGES order)
CATEGORIES: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "clothing": (None, ("Clothing", "Ropa", "Bekleidung", "Vêtements", "衣類")),
    "rain-jackets": (
        "clothing",
        (
            "Rain jackets",
            "Chaquetas impermeables",
            "Regenjacken",
            "Vestes de pluie",
            "レインジャケット",
        ),
    ),
    "kitchen": (None, ("Kitchen", "Cocina", "Küche", "Cuisine", "キッチン")),
    "coffee-makers": (
        "kitchen",
        ("Coffee makers", "Cafeteras", "Kaffeemaschinen", "Cafetières", "コーヒーメーカー"),
    ),
    "cookware": (
        "kitchen",
        ("Cookware", "Menaje de cocina", "Kochgeschirr", "Ustensiles", "調理器具"),
    ),
    "kettles": ("kitchen", ("Kettles", "Hervidores", "Wasserkocher", "Bouilloires", "電気ケトル")),
    "dishwashers": (
        "kitchen",
        ("Dishwashers", "Lavavajillas", "Geschirrspüler", "Lave-vaisselle", "食器洗い機"),
    ),
    "outdoor": (None, ("Outdoor", "Aire libre", "Outdoor", "Plein air", "アウトドア")),
    "tents": ("outdoor", ("Tents", "Tiendas de campaña", "Zelte", "Tentes", "テント")),
    "backpacks": ("outdoor", ("Backpacks", "Mochilas", "Rucksäcke", "Sacs à dos", "バックパック")),
    "electronics": (None, ("Electronics", "Electrónica", "Elektronik", "Électronique", "家電")),
    "headphones": (
        "electronics",
        ("Headphones", "Auriculares", "Kopfhörer", "Casques audio", "ヘッドホン"),
    ),
    "home": (None, ("Home", "Hogar", "Wohnen", "Maison", "インテリア")),
    "lamps": ("home", ("Lamps", "Lámparas", "Lampen", "Lampes", "照明")),
    "beauty": (None, ("Beauty", "Belleza", "Schönheit", "Beauté", "美容")),
    "skincare": (
        "beauty",
        ("Skincare", "Cuidado facial", "Hautpflege", "Soins du visage", "スキンケア"),
    ),
    "toys": (None, ("Toys and games", "Juguetes", "Spielwaren", "Jeux et jouets", "おもちゃ")),
    "board-games": (
        "toys",
        ("Board games", "Juegos de mesa", "Brettspiele", "Jeux de société", "ボードゲーム"),
    ),
}


@dataclass(frozen=True)
class Kind:
    """Title and description templates of one kind of product, per language."""

    category: str
    titles: tuple[str, ...]  # in LANGUAGES order; placeholders {model} {n} {m}
    descriptions: tuple[str, ...]
    brands: tuple[str, ...]
    attributes: dict[str, Any] = field(default_factory=dict)


KINDS: dict[str, Kind] = {
    "tents": Kind(
        "tents",
        (
            "{model} family tent for {n} people",
            "Tienda de campaña familiar {model} para {n} personas",
            "Familienzelt {model} für {n} Personen",
            "Tente familiale {model} pour {n} personnes",
            "{model} {n}人用ファミリーテント",
        ),
        (
            "A roomy tunnel tent with sleeping cabins and a covered porch for camping "
            "holidays. It pitches in {m} minutes and stays stable in strong wind.",
            "Una tienda túnel amplia con habitaciones y un avance cubierto para las "
            "vacaciones de camping. Se monta en {m} minutos y aguanta el viento fuerte.",
            "Ein geräumiges Tunnelzelt mit Schlafkabinen und überdachtem Vorraum für den "
            "Campingurlaub. Es steht in {m} Minuten und bleibt bei starkem Wind stabil.",
            "Une tente tunnel spacieuse avec chambres et auvent couvert pour les vacances "
            "au camping. Elle se monte en {m} minutes et reste stable par vent fort.",
            "寝室と屋根付きの前室を備えた広いトンネルテントです。{m}分で設営でき、強風でも安定します。",
        ),
        ("Nordwand", "Cumbre"),
        {"persons": "{n}"},
    ),
    "backpacks": Kind(
        "backpacks",
        (
            "{model} trekking backpack, {n} litres",
            "Mochila de trekking {model} de {n} litros",
            "Trekkingrucksack {model} mit {n} Litern",
            "Sac à dos de randonnée {model}, {n} litres",
            "{model} トレッキングバックパック {n}L",
        ),
        (
            "A padded back system and a hip belt carry heavy loads on long hikes. The rain "
            "cover is stowed in the lid pocket.",
            "El respaldo acolchado y el cinturón lumbar reparten el peso en las rutas largas. "
            "La funda de lluvia se guarda en el bolsillo de la tapa.",
            "Das gepolsterte Rückensystem und der Hüftgurt tragen schwere Lasten auf langen "
            "Touren. Die Regenhülle steckt im Deckelfach.",
            "Le dos rembourré et la ceinture ventrale portent les charges lourdes en "
            "randonnée. La housse de pluie se range dans la poche du rabat.",
            "クッション入りの背面と腰ベルトで長いハイキングでも重い荷物を運べます。レインカバーは雨蓋に収納できます。",
        ),
        ("Nordwand", "Cumbre"),
        {"volume_l": "{n}"},
    ),
    "headphones": Kind(
        "headphones",
        (
            "{model} wired over-ear studio headphones",
            "Auriculares de estudio {model} con cable",
            "Kabelgebundener Studiokopfhörer {model}",
            "Casque de studio filaire {model}",
            "{model} 有線スタジオヘッドホン",
        ),
        (
            "Closed-back studio headphones with {n} mm drivers and a detachable coiled cable "
            "for mixing and monitoring. The velour ear pads stay comfortable for hours.",
            "Auriculares cerrados de estudio con transductores de {n} mm y cable rizado "
            "extraíble para mezclar y monitorizar. Las almohadillas de velour son cómodas.",
            "Geschlossener Studiokopfhörer mit {n} mm Treibern und abnehmbarem Spiralkabel "
            "zum Mischen und Abhören. Die Velourspolster bleiben stundenlang bequem.",
            "Casque de studio fermé avec haut-parleurs de {n} mm et câble spiralé amovible "
            "pour le mixage. Les coussinets en velours restent confortables.",
            "{n}mmドライバーと着脱式カールコードを備えた密閉型スタジオヘッドホンです。ベロアのイヤーパッドは長時間でも快適です。",
        ),
        ("Koyo", "Sonora", "Auralis"),
        {"noise_cancelling": "no"},
    ),
    "kettles": Kind(
        "kettles",
        (
            "{model} electric kettle, {n} l, stainless steel",
            "Hervidor de agua eléctrico {model} de {n} l en acero inoxidable",
            "Wasserkocher {model} aus Edelstahl, {n} l",
            "Bouilloire électrique {model} en inox, {n} l",
            "{model} 電気ケトル {n}L ステンレス",
        ),
        (
            "Boils {n} litres of water in {m} minutes and switches off by itself. The "
            "limescale filter lifts out for cleaning.",
            "Hierve {n} litros de agua en {m} minutos y se apaga sola. El filtro antical "
            "se saca para limpiarlo.",
            "Kocht {n} Liter Wasser in {m} Minuten und schaltet sich selbst ab. Der "
            "Kalkfilter lässt sich zum Reinigen herausnehmen.",
            "Fait bouillir {n} litres d'eau en {m} minutes et s'éteint toute seule. Le filtre "
            "anticalcaire se retire pour le nettoyage.",
            "{n}リットルのお湯を{m}分で沸かし、自動で電源が切れます。水あかフィルターは取り外して洗えます。",
        ),
        ("Hvitfoss", "Kessel"),
        {"capacity_l": "{n}"},
    ),
    "coffee-makers": Kind(
        "coffee-makers",
        (
            "{model} filter coffee machine with glass jug, {n} cups",
            "Cafetera de goteo {model} con jarra de cristal, {n} tazas",
            "Filterkaffeemaschine {model} mit Glaskanne, {n} Tassen",
            "Cafetière filtre {model} avec verseuse en verre, {n} tasses",
            "{model} ドリップ式コーヒーメーカー ガラスポット {n}杯",
        ),
        (
            "Brews {n} cups of filter coffee and keeps them warm on a hot plate for {m} "
            "minutes. The swing-out filter holder is easy to fill.",
            "Prepara {n} tazas de café de filtro y las mantiene calientes durante {m} "
            "minutos. El portafiltros giratorio se llena con facilidad.",
            "Brüht {n} Tassen Filterkaffee und hält sie {m} Minuten auf der Warmhalteplatte "
            "warm. Der schwenkbare Filterhalter lässt sich leicht füllen.",
            "Prépare {n} tasses de café filtre et les garde au chaud pendant {m} minutes. "
            "Le porte-filtre pivotant se remplit facilement.",
            "{n}杯分のドリップコーヒーを淹れ、保温プレートで{m}分間温かさを保ちます。スイング式のフィルターは入れやすい設計です。",
        ),
        ("Hvitfoss", "Kessel"),
        {"cups": "{n}"},
    ),
    "cookware": Kind(
        "cookware",
        (
            "{model} non-stick frying pan, {n} cm",
            "Sartén antiadherente {model} de {n} cm",
            "Antihaft-Bratpfanne {model}, {n} cm",
            "Poêle antiadhésive {model}, {n} cm",
            "{model} ノンスティック フライパン {n}cm",
        ),
        (
            "A forged frying pan with a ceramic non-stick coating for eggs, pancakes and "
            "vegetables. It works on induction and goes in the oven up to {m}0 °C.",
            "Una sartén forjada con revestimiento cerámico antiadherente para huevos, tortitas "
            "y verduras. Sirve para inducción y aguanta el horno hasta {m}0 °C.",
            "Eine geschmiedete Pfanne mit keramischer Antihaftbeschichtung für Eier, "
            "Pfannkuchen und Gemüse. Induktionsgeeignet und bis {m}0 °C backofenfest.",
            "Une poêle forgée au revêtement céramique antiadhésif pour les œufs, les crêpes "
            "et les légumes. Compatible induction, elle va au four jusqu'à {m}0 °C.",
            "卵やパンケーキ、野菜に使えるセラミック加工の鍛造フライパンです。IH対応で、{m}0℃までオーブンに入れられます。",
        ),
        ("Hvitfoss", "Kessel"),
        {"diameter_cm": "{n}"},
    ),
    "dishwashers": Kind(
        "dishwashers",
        (
            "{model} dishwasher, {n} place settings, {m} dB",
            "Lavavajillas {model} de {n} servicios, {m} dB",
            "Geschirrspüler {model} für {n} Maßgedecke, {m} dB",
            "Lave-vaisselle {model} {n} couverts, {m} dB",
            "{model} 食器洗い機 {n}人分 {m}dB",
        ),
        (
            "A freestanding dishwasher for {n} place settings with an eco programme and a "
            "cutlery drawer. It runs at {m} dB.",
            "Un lavavajillas de libre instalación para {n} servicios con programa eco y "
            "bandeja para cubiertos. Funciona a {m} dB.",
            "Ein freistehender Geschirrspüler für {n} Maßgedecke mit Eco-Programm und "
            "Besteckschublade. Er arbeitet mit {m} dB.",
            "Un lave-vaisselle pose libre de {n} couverts avec programme éco et tiroir à "
            "couverts. Il fonctionne à {m} dB.",
            "{n}人分の据え置き型食器洗い機で、エコモードとカトラリートレイを備えています。運転音は{m}dBです。",
        ),
        ("Hvitfoss", "Kessel"),
        {"noise_db": "{m}", "place_settings": "{n}"},
    ),
    "lamps": Kind(
        "lamps",
        (
            "{model} LED desk lamp with dimmer, {n} W",
            "Lámpara de escritorio LED {model} regulable, {n} W",
            "LED-Schreibtischlampe {model} mit Dimmer, {n} W",
            "Lampe de bureau LED {model} avec variateur, {n} W",
            "{model} 調光機能付きLEDデスクライト {n}W",
        ),
        (
            "A desk lamp with a swivel arm and {m} brightness levels for reading and work. "
            "The warm white LED uses {n} watts.",
            "Una lámpara de escritorio con brazo giratorio y {m} niveles de brillo para leer "
            "y trabajar. El LED de luz cálida consume {n} vatios.",
            "Eine Schreibtischlampe mit Schwenkarm und {m} Helligkeitsstufen zum Lesen und "
            "Arbeiten. Die warmweiße LED braucht {n} Watt.",
            "Une lampe de bureau à bras pivotant avec {m} niveaux de luminosité pour lire "
            "et travailler. La LED blanc chaud consomme {n} watts.",
            "可動アームと{m}段階の明るさ調整を備えた読書・作業用のデスクライトです。電球色LEDの消費電力は{n}Wです。",
        ),
        ("Lumo", "Brasa"),
        {"wattage": "{n}"},
    ),
    "skincare": Kind(
        "skincare",
        (
            "{model} moisturising face cream, {n} ml",
            "Crema facial hidratante {model}, {n} ml",
            "Feuchtigkeitscreme {model} für das Gesicht, {n} ml",
            "Crème hydratante visage {model}, {n} ml",
            "{model} 保湿フェイスクリーム {n}ml",
        ),
        (
            "A light daily moisturiser with hyaluronic acid for dry and normal skin. It "
            "absorbs quickly and has SPF {m}.",
            "Una crema hidratante ligera de uso diario con ácido hialurónico para piel seca "
            "y normal. Se absorbe rápido y tiene SPF {m}.",
            "Eine leichte tägliche Feuchtigkeitspflege mit Hyaluronsäure für trockene und "
            "normale Haut. Zieht schnell ein und hat LSF {m}.",
            "Une crème hydratante légère à l'acide hyaluronique pour peaux sèches et "
            "normales. Elle pénètre vite et offre un SPF {m}.",
            "ヒアルロン酸配合で乾燥肌・普通肌向けの軽い保湿クリームです。すっと馴染み、SPF{m}です。",
        ),
        ("Flora", "Dermaline"),
        {"volume_ml": "{n}"},
    ),
    "board-games": Kind(
        "board-games",
        (
            "{model} strategy board game for {n} players",
            "Juego de mesa de estrategia {model} para {n} jugadores",
            "Strategie-Brettspiel {model} für {n} Spieler",
            "Jeu de société de stratégie {model} pour {n} joueurs",
            "{model} 戦略ボードゲーム {n}人用",
        ),
        (
            "Build trade routes, collect resources and outwit your friends in about {m}0 "
            "minutes. For {n} players aged ten and up.",
            "Construye rutas comerciales, reúne recursos y supera a tus amigos en unos {m}0 "
            "minutos. Para {n} jugadores a partir de diez años.",
            "Handelsrouten bauen, Rohstoffe sammeln und die Freunde überlisten, in etwa {m}0 "
            "Minuten. Für {n} Spieler ab zehn Jahren.",
            "Construisez des routes commerciales et déjouez vos amis en {m}0 minutes "
            "environ. Pour {n} joueurs dès dix ans.",
            "交易路を築き、資源を集めて友だちを出し抜こう。プレイ時間は約{m}0分、{n}人用、10歳以上。",
        ),
        ("Ludos", "Meeple & Co"),
        {"players": "{n}"},
    ),
}

#: The language sets of templated products, taken in turn (English always first).
LANGUAGE_SETS = (LANGUAGES, ("en", "es"), ("en", "de", "fr"), ("en",), ("en", "es", "de"))

MODELS = (
    "Kiri",
    "Lago",
    "Fjord",
    "Sierra",
    "Brisa",
    "Taiga",
    "Nevada",
    "Aurora",
    "Cirrus",
    "Delta",
    "Orion",
    "Tundra",
    "Vega",
    "Solano",
    "Bora",
    "Ember",
)

#: Templated products per leaf: (n, m, price, stock) each; the sku is LEAF-01, -02, ...
PLAN: dict[str, list[tuple[float, int, str, int]]] = {
    "tents": [
        (4, 12, "189.00", 6),
        (3, 10, "149.00", 4),
        (5, 15, "259.00", 3),
        (6, 18, "329.00", 2),
        (4, 14, "219.00", 0),
        (3, 11, "129.00", 5),
        (5, 16, "279.00", 7),
        (6, 20, "349.00", 1),
        (4, 13, "199.00", 8),
        (3, 9, "119.00", 3),
        (5, 17, "239.00", 4),
    ],
    "backpacks": [
        (40, 0, "119.00", 5),
        (55, 0, "159.00", 3),
        (30, 0, "89.00", 9),
        (65, 0, "189.00", 2),
        (45, 0, "129.00", 0),
        (50, 0, "139.00", 6),
    ],
    "headphones": [
        (40, 0, "79.00", 5),
        (50, 0, "129.00", 4),
        (45, 0, "99.00", 7),
        (40, 0, "59.00", 3),
        (53, 0, "149.00", 2),
        (50, 0, "119.00", 6),
        (45, 0, "89.00", 8),
        (40, 0, "69.00", 5),
        (50, 0, "139.00", 4),
        (53, 0, "159.00", 3),
        (45, 0, "109.00", 5),
    ],
    "kettles": [
        (1.7, 4, "39.00", 8),
        (1.5, 3, "29.00", 6),
        (1.0, 3, "24.00", 4),
        (1.7, 5, "49.00", 0),
        (1.2, 3, "34.00", 5),
        (1.5, 4, "44.00", 7),
        (1.7, 4, "59.00", 3),
    ],
    "coffee-makers": [
        (10, 30, "49.00", 5),
        (12, 40, "69.00", 4),
        (8, 30, "39.00", 6),
        (10, 40, "89.00", 3),
        (12, 60, "129.00", 2),
        (6, 30, "35.00", 7),
    ],
    "cookware": [
        (24, 25, "39.00", 6),
        (28, 25, "49.00", 4),
        (20, 20, "29.00", 8),
        (32, 25, "59.00", 3),
    ],
    "dishwashers": [
        (12, 44, "349.00", 3),
        (13, 42, "429.00", 2),
        (14, 44, "479.00", 4),
        (14, 39, "649.00", 2),
        (15, 41, "799.00", 1),
    ],
    "lamps": [
        (8, 5, "39.00", 6),
        (10, 7, "49.00", 4),
        (6, 3, "29.00", 9),
        (12, 5, "59.00", 3),
        (8, 4, "35.00", 5),
        (10, 6, "45.00", 0),
    ],
    "skincare": [
        (50, 15, "19.00", 9),
        (30, 30, "24.00", 6),
        (50, 20, "29.00", 5),
        (75, 15, "22.00", 7),
        (50, 50, "27.00", 4),
    ],
    "board-games": [
        (4, 6, "39.00", 5),
        (2, 3, "19.00", 8),
        (5, 9, "49.00", 3),
        (4, 4, "29.00", 6),
        (6, 12, "59.00", 2),
        (3, 6, "34.00", 4),
        (4, 9, "44.00", 5),
        (2, 4, "24.00", 7),
    ],
}
COLORS = ("black", "green", "red", "grey", "orange", "blue", "white", "olive", "sand", "teal")
#: TENTS-01 and two more tents are one model in three colours (``group``).
VARIANT_FAMILY = {"TENTS-01": "green", "TENTS-09": "orange", "TENTS-11": "sand"}
VARIANT_GROUP = "KIRI-FAMILY"


def _text(template: str, values: dict[str, Any]) -> str:
    return template.format(**values)


def _templated(kind: Kind, values: dict[str, Any], languages: tuple[str, ...]) -> dict[str, Any]:
    """Title, description and translations of one templated product in ``languages``."""
    texts = {
        lang: {
            "title": _text(kind.titles[LANGUAGES.index(lang)], values),
            "description": _text(kind.descriptions[LANGUAGES.index(lang)], values),
        }
        for lang in languages
    }
    base = texts.pop(languages[0])
    attributes = {key: _text(value, values) for key, value in kind.attributes.items()}
    return {"language": languages[0], **base, "translations": texts, "attributes": attributes}


SINGLE_LANGUAGE: list[dict[str, Any]] = [
    {
        "sku": "JACKET-EN",
        "category": "rain-jackets",
        "brand": "Nordwand",
        "language": "en",
        "title": "Nordwand Storm hooded rain jacket, navy",
        "description": (
            "A fully waterproof rain jacket in navy blue whose adjustable hood fits over a "
            "bike helmet. Taped seams and a breathable membrane keep you dry on rainy "
            "commutes and mountain hikes. Zipped vents under the arms let heat out on "
            "steep climbs. It weighs 340 g and packs into its own chest pocket."
        ),
        "price": "149.00",
        "stock": 12,
        "color": "navy",
        "material": "recycled nylon",
        "size": "S-XXL",
        "attributes": {"waterproof": "yes", "weight_g": "340", "hydrostatic_head_mm": "20000"},
    },
    {
        "sku": "CAFETERA-ES",
        "category": "coffee-makers",
        "brand": "Cucina Sol",
        "language": "es",
        "title": "Cafetera italiana de aluminio para seis tazas",
        "description": (
            "Cafetera moka clásica de aluminio fundido que prepara café espresso en la "
            "cocina de gas o vitrocerámica. Hace seis tazas en unos cinco minutos."
        ),
        "price": "29.00",
        "stock": 10,
        "material": "aluminium",
        "attributes": {"cups": "6"},
    },
    {
        "sku": "TENT-DE",
        "category": "tents",
        "brand": "Cumbre",
        "language": "de",
        "title": "Ultraleichtes Trekkingzelt für zwei Personen",
        "description": (
            "Das Zelt wiegt nur 1,2 kg und passt in jeden Rucksack. Ideal für "
            "Mehrtagestouren zu Fuß und Radreisen."
        ),
        "price": "299.00",
        "stock": 4,
        "color": "green",
        "attributes": {"persons": "2", "weight_g": "1200"},
    },
    {
        "sku": "HEADPHONES-JA",
        "category": "headphones",
        "brand": "Koyo",
        "language": "ja",
        "title": "Koyo ワイヤレス ノイズキャンセリングヘッドホン",
        "description": (
            "アクティブノイズキャンセリングで電車や飛行機の騒音を抑えます。"
            "バッテリーは最大30時間持続します。"
        ),
        "price": "199.00",
        "stock": 6,
        "color": "black",
        "attributes": {"noise_cancelling": "yes"},
    },
    {
        "sku": "LAMP-FR",
        "category": "lamps",
        "brand": "Lumo",
        "language": "fr",
        "title": "Lampe de chevet en lin naturel",
        "description": (
            "Une lampe de chevet à l'abat-jour en lin naturel et au pied en chêne. Sa "
            "lumière douce crée une ambiance chaleureuse dans la chambre."
        ),
        "price": "59.00",
        "stock": 5,
        "color": "beige",
        "material": "linen",
        "attributes": {},
    },
]

JACKETS: list[dict[str, Any]] = [
    {
        "sku": "JACKET-01",
        "category": "rain-jackets",
        "brand": "Cumbre",
        "language": "en",
        "title": "Cumbre Elba padded waterproof jacket",
        "description": (
            "A padded jacket with a waterproof, breathable shell for cold and wet days. "
            "Two zipped hand pockets and an adjustable hood."
        ),
        "translations": {
            "es": {
                "title": "Chaqueta acolchada impermeable Cumbre Elba",
                "description": (
                    "Una chaqueta acolchada con una capa exterior impermeable y transpirable "
                    "para los días fríos y lluviosos. Dos bolsillos con cremallera y capucha "
                    "ajustable."
                ),
            },
            "de": {
                "title": "Wattierte wasserdichte Jacke Cumbre Elba",
                "description": (
                    "Eine wattierte Jacke mit wasserdichter, atmungsaktiver Außenhülle für "
                    "kalte, nasse Tage. Zwei Taschen mit Reißverschluss und verstellbare Kapuze."
                ),
            },
            "fr": {
                "title": "Veste rembourrée imperméable Cumbre Elba",
                "description": (
                    "Une veste rembourrée à la coque imperméable et respirante pour les jours "
                    "froids et humides. Deux poches zippées et une capuche réglable."
                ),
            },
            "ja": {
                "title": "Cumbre Elba 中綿入り防水ジャケット",
                "description": "寒くて雨の多い日のための、防水透湿シェルの中綿ジャケットです。",
            },
        },
        "price": "179.00",
        "stock": 7,
        "color": "red",
        "material": "polyester",
        "attributes": {"waterproof": "yes"},
    },
    {
        "sku": "JACKET-02",
        "category": "rain-jackets",
        "brand": "Nordwand",
        "language": "en",
        "title": "Nordwand Breeze packable rain jacket",
        "description": "A light rain jacket that packs into a pouch for travel and festivals.",
        "translations": {
            "de": {
                "title": "Nordwand Breeze verstaubare Regenjacke",
                "description": "Eine leichte Regenjacke, die sich klein verstauen lässt.",
            },
        },
        "price": "89.00",
        "stock": 0,
        "color": "yellow",
        "material": "polyester",
        "attributes": {"waterproof": "yes"},
    },
]


def catalog_rows() -> list[dict[str, Any]]:
    """Every product of the small catalog as a dict of model fields (``category`` and
    ``brand`` by slug and name)."""
    rows = [*SINGLE_LANGUAGE, *JACKETS]
    turn = 0
    for leaf, plan in PLAN.items():
        kind = KINDS[leaf]
        for i, (n, m, price, stock) in enumerate(plan):
            sku = f"{leaf.upper()}-{i + 1:02d}"
            variant = sku in VARIANT_FAMILY
            model = "Kiri" if variant else MODELS[(i + len(leaf)) % len(MODELS)]
            values = {"model": model, "n": n, "m": m}
            if variant:
                values = {"model": model, "n": 4, "m": 12}
            languages = LANGUAGE_SETS[0 if variant else turn % len(LANGUAGE_SETS)]
            turn += 1
            rows.append(
                {
                    "sku": sku,
                    "category": leaf,
                    "brand": kind.brands[i % len(kind.brands)],
                    **_templated(kind, values, languages),
                    "price": price,
                    "stock": stock,
                    "color": VARIANT_FAMILY.get(sku) or COLORS[i % len(COLORS)],
                    "group": VARIANT_GROUP if variant else "",
                }
            )
    return rows


def create_categories() -> dict[str, Category]:
    """The category tree with names in every language (parents first)."""
    made: dict[str, Category] = {}
    for slug, (parent, names) in CATEGORIES.items():
        made[slug] = category(
            slug, made.get(parent or ""), **dict(zip(LANGUAGES, names, strict=True))
        )
    return made


def create_catalog() -> dict[str, int]:
    """The small catalog in the database (made with the factories); sku -> product pk."""
    categories = create_categories()
    created = {}
    for row in catalog_rows():
        fields = dict(row)
        fields["category"] = categories[fields["category"]]
        fields["price"] = Decimal(fields["price"])
        made = product(fields.pop("title"), fields.pop("description"), **fields)
        created[made.sku] = made.pk
    return created


def generated_products(
    count: int, *, seed: int = 0, single_language: bool = False
) -> list[Product]:
    """``count`` more products from the templates, in bulk (skus ``GEN-00001`` ...).

    Random model names, numbers, prices and language sets; with ``single_language`` each
    product is written in one language and its description is one sentence.
    """
    rng = random.Random(seed)
    categories = create_categories()
    brands = {name: brand(name) for kind in KINDS.values() for name in kind.brands}
    products = []
    for i in range(count):
        kind = KINDS[rng.choice(sorted(KINDS))]
        model = f"{rng.choice(MODELS)} {rng.randint(2, 99)}"
        values = {"model": model, "n": rng.randint(2, 60), "m": rng.randint(2, 40)}
        if single_language:
            languages: tuple[str, ...] = (rng.choice(LANGUAGES),)
        else:
            languages = rng.choice(LANGUAGE_SETS)
        fields = _templated(kind, values, languages)
        if single_language:
            fields["description"] = fields["description"].split(". ")[0].split("。")[0]
        products.append(
            Product(
                sku=f"GEN-{seed:02d}-{i + 1:05d}",
                category=categories[kind.category],
                brand=brands[rng.choice(kind.brands)],
                price=Decimal(rng.randint(900, 39900)) / 100,
                stock=rng.choice((0, 2, 5, 9)),
                color=rng.choice(COLORS),
                **fields,
            )
        )
    return Product.objects.bulk_create(products, batch_size=500)
