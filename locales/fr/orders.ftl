# Rapprochement des commandes (#15) : numéros de commande vérifiés à la saisie, et ce que
# disent les relevés du marchand de chaque achat (agents seulement).
orders-error-other-shape = Cela ressemble à un numéro { $shape }, mais vous avez payé avec { $method }. Envoyez plutôt le numéro du reçu { $method }, ou appuyez sur « Je ne l'ai pas ».
orders-error-shape = Ce ne peut pas être un numéro de commande { $method } : il ressemble à { $example }. Renvoyez-le tel qu'il figure sur le reçu, ou appuyez sur « Je ne l'ai pas ».
orders-parent-refunded = L'un de vos achats semble déjà avoir été remboursé. Vérifiez d'abord votre relevé : l'argent est peut-être revenu. Notre équipe vous le confirmera.
orders-source =
    { $source ->
        [wechat_pay] WeChat Pay
        [alipay] Alipay
        [apple] Apple
        [google_play] Google Play
        [douyin] Douyin
       *[other] { $name }
    }
orders-card-found = ✅ Commande trouvée : { $money } payés { $when } ({ $source } { $order })
orders-card-likely = ✅ Commande probable, même montant, à { $gap } de l'heure indiquée : { $money } payés { $when } ({ $source } { $order })
orders-card-amount-differs = ⚠️ Le relevé indique { $money }, la demande { $claimed }
orders-card-refunded = 🔁 Déjà remboursée : { $money } le { $when } ({ $source } { $order })
orders-card-partly-refunded = 🔁 Remboursée en partie : { $money } sur { $total } le { $when } ({ $source } { $order })
orders-card-voided = ❌ Commande annulée, jamais débitée ({ $source } { $order })
orders-card-not-found = ⚠️ Aucune commande de ce type dans les relevés importés jusqu'au { $date }
orders-card-ambiguous = ❓ { $count } commandes possibles :
orders-card-candidate = · { $money } payés { $when } ({ $source } { $order }), à { $gap } de l'heure indiquée{ $payer ->
        [yes] , même payeur que le compte
       *[no] {""}
    }
orders-card-double = 💳 Débité deux fois, à { $gap } d'intervalle : aussi { $source } { $order }
orders-card-summary = 🧾 Relevés : { $found } trouvée(s) · { $missing } introuvable(s) · { $refunded } remboursée(s) · { $unsure } incertaine(s)
orders-queue-line = 🧾 { $found } trouvée(s) · { $missing } introuvable(s) · { $refunded } remboursée(s)
orders-gap-seconds = { $count } s
orders-gap-minutes = { $count } min
orders-gap-hours = { $hours } h { $minutes } min
orders-gap-days = { $count ->
        [one] { $count } jour
       *[other] { $count } jours
    }
orders-button-check = 🔎 Vérifier les relevés
orders-checked = Vérifié avec les relevés importés jusqu'au { $date }.
orders-checked-empty = Aucun relevé n'est encore importé : « refund-desk orders import » les ajoute.
# An order number read from one of the case's screenshots that no purchase claims (#16).
orders-card-read-found = 🧾 Référence de commande lue sur la capture { $number } ({ $read }) : trouvée dans le relevé { $source }, { $money } payés { $when }, non remboursée
orders-card-read-refunded = 🧾 Référence de commande lue sur la capture { $number } ({ $read }) : dans le relevé { $source }, { $money } payés { $when }, { $refunded } remboursés le { $on }
orders-card-read-voided = 🧾 Référence de commande lue sur la capture { $number } ({ $read }) : dans le relevé { $source }, annulée, jamais débitée
orders-card-read-not-found = 🧾 Référence de commande lue sur la capture { $number } ({ $read }) : absente des relevés importés jusqu'au { $date }
