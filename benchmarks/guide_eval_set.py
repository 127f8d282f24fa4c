"""The shopping guide's evaluation set: 144 multi-turn conversations over the demo catalog
in 12 languages, hand-written phrases composed into conversations.

Each product conversation has three turns:

1. a need in the shopper's words with a budget ("I'm looking for a rain jacket, under
   150 €") -> expected: the category, the price ceiling; a product of that category
   within the budget;
2. a colour refinement ("and in red?") -> expected: the colour (the catalog's own value)
   kept with the category and budget, or the honest relaxation when none is left;
3. "which one is the cheapest?" -> expected: a comparison whose first product is the
   cheapest of those shown.

Each vague conversation is one turn ("I need a gift") -> expected: one clarifying
question and no products. Budgets are the category's median price rounded up to ten,
colours one that at least two products of the category have.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from shop_assistant.guide.phrases import PHRASES

LANGUAGES = ("en", "es", "de", "fr", "it", "pt", "nl", "pl", "ru", "ja", "zh", "ko")

#: category -> (colour, need per language)
NEEDS: dict[str, tuple[str, dict[str, str]]] = {
    "rain-jackets": ("red", {
        "en": "I'm looking for a rain jacket for cycling",
        "es": "Busco una chaqueta para llevar en bici cuando llueve",
        "de": "Ich suche eine Regenjacke zum Radfahren",
        "fr": "Je cherche une veste de pluie pour le vélo",
        "it": "Cerco una giacca antipioggia per andare in bici",
        "pt": "Procuro um casaco de chuva para andar de bicicleta",
        "nl": "Ik zoek een regenjas om te fietsen",
        "pl": "Szukam kurtki przeciwdeszczowej na rower",
        "ru": "Ищу дождевую куртку для велосипеда",
        "ja": "自転車用のレインジャケットを探しています",
        "zh": "我想买一件骑车穿的雨衣",
        "ko": "자전거 탈 때 입을 레인재킷을 찾고 있어요",
    }),
    "tents": ("green", {
        "en": "I need a tent for camping with friends",
        "es": "Necesito una tienda de campaña para ir de acampada",
        "de": "Ich brauche ein Zelt zum Campen",
        "fr": "Il me faut une tente pour camper",
        "it": "Mi serve una tenda da campeggio",
        "pt": "Preciso de uma barraca de camping",
        "nl": "Ik heb een tent nodig om te kamperen",
        "pl": "Potrzebuję namiotu na kemping",
        "ru": "Нужна палатка для кемпинга",
        "ja": "キャンプ用のテントが欲しいです",
        "zh": "我需要一顶露营帐篷",
        "ko": "캠핑용 텐트가 필요해요",
    }),
    "headphones": ("black", {
        "en": "Looking for wireless headphones",
        "es": "Busco unos auriculares inalámbricos",
        "de": "Ich suche kabellose Kopfhörer",
        "fr": "Je cherche un casque sans fil",
        "it": "Cerco delle cuffie wireless",
        "pt": "Procuro fones de ouvido sem fio",
        "nl": "Ik zoek een draadloze koptelefoon",
        "pl": "Szukam słuchawek bezprzewodowych",
        "ru": "Ищу беспроводные наушники",
        "ja": "ワイヤレスヘッドホンを探しています",
        "zh": "我在找无线耳机",
        "ko": "무선 헤드폰을 찾고 있어요",
    }),
    "kettles": ("white", {
        "en": "I want an electric kettle",
        "es": "Quiero un hervidor de agua eléctrico",
        "de": "Ich möchte einen Wasserkocher",
        "fr": "Je voudrais une bouilloire électrique",
        "it": "Vorrei un bollitore elettrico",
        "pt": "Quero uma chaleira elétrica",
        "nl": "Ik wil een waterkoker",
        "pl": "Chcę czajnik elektryczny",
        "ru": "Хочу электрический чайник",
        "ja": "電気ケトルが欲しい",
        "zh": "我想要一个电热水壶",
        "ko": "전기 주전자를 사고 싶어요",
    }),
    "backpacks": ("red", {
        "en": "I need a backpack for hiking",
        "es": "Necesito una mochila para senderismo",
        "de": "Ich brauche einen Rucksack zum Wandern",
        "fr": "J'ai besoin d'un sac à dos pour la randonnée",
        "it": "Mi serve uno zaino per le escursioni",
        "pt": "Preciso de uma mochila para trilhas",
        "nl": "Ik heb een rugzak nodig om te wandelen",
        "pl": "Potrzebuję plecaka na wędrówki",
        "ru": "Нужен рюкзак для походов",
        "ja": "ハイキング用のリュックが必要です",
        "zh": "我需要一个徒步背包",
        "ko": "등산용 배낭이 필요해요",
    }),
    "running-shoes": ("black", {
        "en": "Looking for running shoes",
        "es": "Busco zapatillas para correr",
        "de": "Ich suche Laufschuhe",
        "fr": "Je cherche des chaussures de course",
        "it": "Cerco scarpe da corsa",
        "pt": "Procuro tênis de corrida",
        "nl": "Ik zoek hardloopschoenen",
        "pl": "Szukam butów do biegania",
        "ru": "Ищу кроссовки для бега",
        "ja": "ランニングシューズを探しています",
        "zh": "我在找跑步鞋",
        "ko": "러닝화를 찾고 있어요",
    }),
    "coffee-makers": ("red", {
        "en": "I want a coffee maker for my kitchen",
        "es": "Quiero una cafetera para la cocina",
        "de": "Ich möchte eine Kaffeemaschine",
        "fr": "Je voudrais une cafetière",
        "it": "Vorrei una macchina da caffè",
        "pt": "Quero uma cafeteira",
        "nl": "Ik wil een koffiezetapparaat",
        "pl": "Chcę ekspres do kawy",
        "ru": "Хочу кофеварку",
        "ja": "コーヒーメーカーが欲しいです",
        "zh": "我想买一台咖啡机",
        "ko": "커피메이커를 사고 싶어요",
    }),
    "lamps": ("white", {
        "en": "I'm looking for a lamp for the living room",
        "es": "Busco una lámpara para el salón",
        "de": "Ich suche eine Lampe fürs Wohnzimmer",
        "fr": "Je cherche une lampe pour le salon",
        "it": "Cerco una lampada per il soggiorno",
        "pt": "Procuro um candeeiro para a sala",
        "nl": "Ik zoek een lamp voor de woonkamer",
        "pl": "Szukam lampy do salonu",
        "ru": "Ищу лампу для гостиной",
        "ja": "リビング用の照明を探しています",
        "zh": "我在找客厅用的台灯",
        "ko": "거실용 조명을 찾고 있어요",
    }),
    "hiking-boots": ("grey", {
        "en": "I need hiking boots for the mountains",
        "es": "Necesito botas de montaña",
        "de": "Ich brauche Wanderschuhe für die Berge",
        "fr": "Il me faut des chaussures de randonnée",
        "it": "Mi servono scarponi da trekking",
        "pt": "Preciso de botas de caminhada",
        "nl": "Ik heb wandelschoenen nodig voor de bergen",
        "pl": "Potrzebuję butów trekkingowych",
        "ru": "Нужны треккинговые ботинки",
        "ja": "登山靴が必要です",
        "zh": "我需要一双登山鞋",
        "ko": "등산화가 필요해요",
    }),
    "smartwatches": ("black", {
        "en": "I want a smartwatch with GPS",
        "es": "Quiero un reloj inteligente con GPS",
        "de": "Ich möchte eine Smartwatch mit GPS",
        "fr": "Je voudrais une montre connectée avec GPS",
        "it": "Vorrei uno smartwatch con GPS",
        "pt": "Quero um relógio inteligente com GPS",
        "nl": "Ik wil een smartwatch met gps",
        "pl": "Chcę smartwatch z GPS",
        "ru": "Хочу умные часы с GPS",
        "ja": "GPS付きのスマートウォッチが欲しい",
        "zh": "我想要一块带GPS的智能手表",
        "ko": "GPS 있는 스마트워치를 원해요",
    }),
    "tablets": ("silver", {
        "en": "Looking for a tablet for reading and video",
        "es": "Busco una tableta para leer y ver vídeos",
        "de": "Ich suche ein Tablet zum Lesen und für Videos",
        "fr": "Je cherche une tablette pour lire et regarder des vidéos",
        "it": "Cerco un tablet per leggere e guardare video",
        "pt": "Procuro um tablet para ler e ver vídeos",
        "nl": "Ik zoek een tablet om te lezen en video's te kijken",
        "pl": "Szukam tabletu do czytania i oglądania filmów",
        "ru": "Ищу планшет для чтения и видео",
        "ja": "読書や動画用のタブレットを探しています",
        "zh": "我在找一台看书看视频的平板电脑",
        "ko": "독서와 동영상용 태블릿을 찾고 있어요",
    }),
}

#: "{need}, under {price} €" per language.
BUDGET = {
    "en": "{need}, under {price} €",
    "es": "{need}, menos de {price} €",
    "de": "{need}, unter {price} €",
    "fr": "{need}, moins de {price} €",
    "it": "{need}, sotto i {price} €",
    "pt": "{need}, abaixo de {price} €",
    "nl": "{need}, onder {price} €",
    "pl": "{need}, poniżej {price} €",
    "ru": "{need}, до {price} €",
    "ja": "{need}。{price}ユーロ以下で",
    "zh": "{need}，{price}欧元以下",
    "ko": "{need}. {price}유로 이하로",
}

#: "and in {colour}?" per language.
IN_COLOUR = {
    "en": "And in {c}?",
    "es": "¿Y en {c}?",
    "de": "Und in {c}?",
    "fr": "Et en {c} ?",
    "it": "E in {c}?",
    "pt": "E em {c}?",
    "nl": "En in het {c}?",
    "pl": "A w kolorze {c}?",
    "ru": "А в {c} цвете?",
    "ja": "{c}はありますか？",
    "zh": "有{c}的吗？",
    "ko": "{c}은 있나요?",
}

COLOURS: dict[str, dict[str, str]] = {
    "red": {"en": "red", "es": "rojo", "de": "Rot", "fr": "rouge", "it": "rosso", "pt":
            "vermelho", "nl": "rood", "pl": "czerwonym", "ru": "красном", "ja": "赤",
            "zh": "红色", "ko": "빨간색"},
    "green": {"en": "green", "es": "verde", "de": "Grün", "fr": "vert", "it": "verde",
              "pt": "verde", "nl": "groen", "pl": "zielonym", "ru": "зелёном", "ja": "緑",
              "zh": "绿色", "ko": "초록색"},
    "black": {"en": "black", "es": "negro", "de": "Schwarz", "fr": "noir", "it": "nero",
              "pt": "preto", "nl": "zwart", "pl": "czarnym", "ru": "чёрном", "ja": "黒",
              "zh": "黑色", "ko": "검은색"},
    "white": {"en": "white", "es": "blanco", "de": "Weiß", "fr": "blanc", "it": "bianco",
              "pt": "branco", "nl": "wit", "pl": "białym", "ru": "белом", "ja": "白",
              "zh": "白色", "ko": "흰색"},
    "grey": {"en": "grey", "es": "gris", "de": "Grau", "fr": "gris", "it": "grigio",
             "pt": "cinza", "nl": "grijs", "pl": "szarym", "ru": "сером", "ja": "グレー",
             "zh": "灰色", "ko": "회색"},
    "silver": {"en": "silver", "es": "plateado", "de": "Silber", "fr": "argent", "it":
               "argento", "pt": "prateado", "nl": "zilver", "pl": "srebrnym", "ru":
               "серебристом", "ja": "シルバー", "zh": "银色", "ko": "은색"},
}

#: "Which one is the cheapest?": the guide's own follow-up chip, as a shopper clicks it.
CHEAPEST = PHRASES["chip_cheapest"]

VAGUE = {
    "en": "I need a gift",
    "es": "Necesito un regalo",
    "de": "Ich brauche ein Geschenk",
    "fr": "Je cherche un cadeau",
    "it": "Cerco un regalo",
    "pt": "Preciso de um presente",
    "nl": "Ik zoek een cadeau",
    "pl": "Szukam prezentu",
    "ru": "Мне нужен подарок",
    "ja": "プレゼントを探しています",
    "zh": "我想买个礼物",
    "ko": "선물을 찾고 있어요",
}


@dataclass
class Turn:
    message: str
    expect: dict[str, Any] = field(default_factory=dict)


@dataclass
class Conversation:
    id: str
    language: str
    turns: list[Turn]


def conversations(budgets: dict[str, int]) -> list[Conversation]:
    """The set, with each category's budget (from the catalog being evaluated)."""
    found: list[Conversation] = []
    for category, (colour, needs) in NEEDS.items():
        for lang in LANGUAGES:
            budget = budgets[category]
            found.append(
                Conversation(
                    id=f"{category}-{lang}",
                    language=lang,
                    turns=[
                        Turn(
                            BUDGET[lang].format(need=needs[lang], price=budget),
                            {"category": category, "max_price": budget},
                        ),
                        Turn(
                            IN_COLOUR[lang].format(c=COLOURS[colour][lang]),
                            {"category": category, "max_price": budget, "color": colour},
                        ),
                        Turn(CHEAPEST[lang], {"cheapest": True}),
                    ],
                )
            )
    for lang in LANGUAGES:
        found.append(Conversation(f"vague-{lang}", lang, [Turn(VAGUE[lang], {"clarify": True})]))
    return found
