# Refund Desk — français : après la décision. Décisions expliquées, contestations, autres recours.
# Les paramètres ({ $name }) sont remplis et échappés par le bot ; balises limitées à <b> et <i>.

## Les décisions, telles que le parent les lit

decision-approved = ✅ Bonne nouvelle : votre demande <b>{ $reference }</b> est acceptée en totalité — <b>{ $total }</b> vous seront remboursés.
decision-partial = Votre demande <b>{ $reference }</b> est acceptée en partie : <b>{ $amount }</b> vous seront remboursés. Vous aviez demandé { $total } ; les { $rest } restants ne seront pas remboursés.
decision-claimed-header = Les achats de votre demande :
decision-rejected = Votre demande <b>{ $reference }</b> n'a pas été acceptée : { $reason }.
decision-next-approved = Et maintenant : vous n'avez rien à faire — l'argent revient sur le moyen de paiement utilisé.
decision-next-partial = Et maintenant : vous n'avez rien à faire — la partie remboursée revient sur le moyen de paiement utilisé.
decision-next-rejected = Et maintenant : rien ne sera remboursé pour cette demande, sauf si une contestation change la décision. /routes vous indique les autres recours possibles.
decision-refund-range = Un paiement par { $method } est en général remboursé sous { $low } à { $high } jours ouvrés.
decision-refund-up-to = Un paiement par { $method } est en général remboursé sous { $days ->
        [one] { $days } jour ouvré
       *[other] { $days } jours ouvrés
    }.
decision-refund-immediate = Un paiement par { $method } est en général remboursé immédiatement.
decision-refund-generic = Un remboursement arrive généralement en quelques jours ouvrés, selon votre banque ou votre application de paiement.
decision-appeal-offer = Si vous n'êtes pas d'accord, vous pouvez contester cette décision une fois, jusqu'au { $until } : appuyez sur ⚖️ Contester et expliquez-nous pourquoi.
decision-appeal-final = ⚖️ C'est la décision sur votre contestation : elle est définitive et ne peut plus être contestée.

## Contestations

appeal-ask-reason = ⚖️ Contestation de <b>{ $reference }</b> : expliquez-nous en un seul message pourquoi vous n'êtes pas d'accord avec la décision. Vous pourrez ajouter de nouvelles captures ou de nouveaux documents juste après.
appeal-ask-files = Merci. Avez-vous de nouvelles captures d'écran ou de nouveaux documents (photos ou PDF) à l'appui de votre contestation ? Envoyez-les maintenant, puis appuyez sur « Envoyer la contestation » — ou appuyez-y tout de suite si vous n'en avez pas.
appeal-files-count = { $count ->
        [one] { $count } nouveau fichier est prêt à partir avec votre contestation.
       *[other] { $count } nouveaux fichiers sont prêts à partir avec votre contestation.
    } Envoyez-en d'autres, ou appuyez sur « Envoyer la contestation ».
appeal-files-kept = { $count ->
        [one] J'ai gardé { $count } fichier pour votre contestation.
       *[other] J'ai gardé { $count } fichiers pour votre contestation.
    }
appeal-reason-added = C'est ajouté à vos explications.
button-appeal-send = 📨 Envoyer la contestation
button-appeal-cancel = ✖️ Ne pas contester
appeal-in-progress = Vous êtes déjà en train de contester la décision sur <b>{ $reference }</b>.
appeal-sent = ⚖️ Votre contestation concernant <b>{ $reference }</b> a été transmise à l'équipe. Elle rendra sa décision au plus tard le <b>{ $due }</b>, et cette décision sera définitive.
appeal-sent-files = { $count ->
        [one] { $count } nouveau fichier l'accompagne.
       *[other] { $count } nouveaux fichiers l'accompagnent.
    }
appeal-cancelled = Votre contestation concernant <b>{ $reference }</b> n'a pas été envoyée. Vous pouvez encore contester jusqu'au { $until } avec le bouton ⚖️ Contester sous la décision.
appeal-refused-already = La décision sur <b>{ $reference }</b> a déjà été contestée : une demande ne peut être contestée qu'une fois, et la décision sur la contestation est définitive. /routes vous indique les autres recours possibles.
appeal-refused-state = <b>{ $reference }</b> ne peut pas être contestée maintenant (état : { $status }). On ne peut contester qu'une décision rendue, tant que la demande n'est pas clôturée.
appeal-refused-approved = Votre demande <b>{ $reference }</b> a été acceptée en totalité : il n'y a rien à contester.
appeal-refused-window = Le délai pour contester la décision sur <b>{ $reference }</b> a pris fin le { $until }. /routes vous indique les autres recours possibles.

## Contestations, dans le groupe de l'équipe (dans la langue des agents)

desk-appeal-filed =
    ⚖️ <b>CONTESTATION</b> de { $reference } : le parent conteste la décision.
    { $decision }
    Motif du parent : { $reason }
    Nouveaux fichiers : { $count } · à décider avant le { $due } — la décision sur une contestation est définitive.
desk-appeal-files = ⚖️ Nouveaux justificatifs pour la contestation de { $reference } ({ $count ->
        [one] { $count } fichier
       *[other] { $count } fichiers
    })
desk-card-appeal = ⚖️ <b>Contestation</b> : le parent conteste la décision ci-dessous. Décidez à nouveau ; cette décision sera définitive.
desk-card-appeal-decided = ⚖️ Décidé après contestation (définitif).

## Autres recours

command-routes = Autres recours pour être remboursé
button-other-options = 🧭 Autres recours
routes-intro = Concernant votre demande <b>{ $reference }</b> : si vous n'obtenez pas satisfaction, voici d'autres démarches possibles.
routes-any = Si vous n'arrivez pas à être remboursé, voici d'autres démarches possibles.
routes-platform-douyin = • Douyin : dans l'application, ouvrez Moi → ☰ → Mon service client (我的客服), choisissez l'achat et demandez le remboursement d'une dépense de mineur (未成年人退款). Indiquez vos numéros de commande et la référence de votre demande.
routes-platform-tiktok = • TikTok : dans l'application, ouvrez Profil → ☰ → Paramètres et confidentialité → Signaler un problème, puis choisissez l'achat. Indiquez vos numéros de commande et la référence de votre demande.
routes-platform-wechat = • Mini-programme ou mini-jeu WeChat : ouvrez-le, appuyez sur ··· en haut à droite et demandez le remboursement d'un paiement de mineur (未成年人退款) ou déposez une réclamation (投诉). Le développeur doit répondre sous 2 jours ouvrés ; sinon, ou si vous ne tombez pas d'accord, WeChat intervient lui-même.
routes-platform-kuaishou = • Kuaishou : dans l'application, ouvrez le menu latéral → Service client (客服中心), choisissez l'achat et demandez le remboursement d'une dépense de mineur (未成年人退款). Indiquez vos numéros de commande et la référence de votre demande.
routes-platform-custom = • Contactez directement le service client de { $platform } dans l'application, en indiquant vos numéros de commande et la référence de votre demande.
routes-platform-any = • L'application elle-même : son service client (en général dans Moi ou Paramètres → Aide) peut rembourser les achats. Donnez le compte, les montants, les heures exactes et vos captures d'écran.
routes-payment-alipay = • Alipay : ouvrez le paiement dans votre historique (账单), appuyez sur « Une question sur cette commande ? » (对此订单有疑问) et déposez une réclamation.
routes-payment-wechat-pay = • WeChat Pay : Moi → Services → Portefeuille → Relevés (我 → 服务 → 钱包 → 账单), ouvrez le paiement, puis « Questions sur cette commande » (对订单有疑惑) → réclamation.
routes-payment-bank-card = • Carte de crédit ou bancaire : demandez à votre banque de contester le paiement par carte (rétrofacturation, ou « chargeback »). Faites-le vite : les banques imposent des délais.
routes-payment-apple = • Apple : demandez un remboursement sur reportaproblem.apple.com avec votre identifiant Apple.
routes-payment-google-play = • Google Play : demandez un remboursement depuis votre historique des commandes (Paiements et abonnements → Budget et historique).
routes-consumer-cn = • Protection des consommateurs : la plateforme nationale 12315 — appelez le 12315, ou utilisez le mini-programme 全国12315平台 ou le site www.12315.cn.
routes-consumer-fr = • Protection des consommateurs : signalez le problème sur SignalConso (signal.conso.gouv.fr), le service de la DGCCRF ; l'entreprise est prévenue et peut vous y répondre.
routes-consumer-tw = • Protection des consommateurs : appelez la ligne consommateurs 1950, ou déposez une réclamation en ligne sur le site de protection des consommateurs du Yuan exécutif (cpc.ey.gov.tw).
routes-consumer-hk = • Protection des consommateurs : le Consumer Council (消費者委員會) — appelez sa ligne 2929 2222 ou déposez une réclamation sur son site.
routes-consumer-other = • Protection des consommateurs : l'autorité nationale de protection des consommateurs de votre pays reçoit les réclamations sur les achats intégrés et les applications de paiement.
routes-keep-evidence = Gardez vos captures d'écran, vos numéros de commande et cette conversation : chacune de ces démarches vous les demandera.
