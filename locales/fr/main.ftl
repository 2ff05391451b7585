# Refund Desk — French (fr). Same message ids and parameters as locales/en/main.ftl.
# Vouvoiement throughout. French plural rules: 0 and 1 are singular ([one]), so [one] variants
# always print the number itself rather than a literal "1".

## Start, consent, help

welcome = 👋 Bonjour ! Je suis Refund Desk. Je vous aide à demander un remboursement si un enfant a payé dans une application sans votre accord, si vous avez été débité deux fois ou pour un paiement qui a échoué, ou si vous avez payé un service qui n'a jamais démarré. Cela prend environ cinq minutes.
ask-consent =
    <b>Avant de commencer : vos données personnelles</b>
    Pour traiter votre demande, je dois conserver ce que vous m'indiquez ici : le compte, les achats, vos captures d'écran et, si votre enfant est concerné, son âge. Seule notre équipe d'assistance y a accès, et uniquement pour traiter votre demande. Tout est supprimé une fois la demande clôturée et le délai légal de conservation écoulé.
    Êtes-vous d'accord ?
button-consent-yes = ✅ J'accepte
button-consent-no = Non, merci
consent-declined = C'est noté, je ne conserve rien. Sans votre accord, je ne peux pas enregistrer de demande, mais vous pouvez revenir quand vous voulez avec /start.
help =
    Je vous pose une question à la fois ; quand il y a un choix à faire, des boutons s'affichent.
    /start — commencer une demande, ou reprendre celle en cours
    /status — voir vos demandes et où elles en sont
    /routes — les autres recours pour être remboursé
    /language — changer de langue
    /timezone — changer de fuseau horaire (utilisé pour l'heure des achats)
    /notifications — activer ou couper les messages de suivi
    /mydata — recevoir une copie de tout ce qui est conservé sur vous
    /delete — effacer vos données
    /cancel — abandonner la demande en cours
hint-start = Envoyez /start pour commencer une demande.
resume-question = Vous avez commencé une demande le { $started } et elle n'est pas terminée. On la reprend là où vous en étiez ?
button-resume = ▶️ Reprendre
button-restart = 🔄 Recommencer
cancelled = Votre demande inachevée a été abandonnée. Envoyez /start quand vous voulez recommencer.
nothing-to-cancel = Aucune demande n'est en cours : il n'y a rien à annuler.
case-already-submitted = Votre demande <b>{ $reference }</b> a été transmise à notre équipe d'assistance, qui vous répondra ici. Pour faire une nouvelle demande, envoyez /start.

## Language and time zone

ask-language = Dans quelle langue souhaitez-vous continuer ?
language-name-en = English
language-name-fr = Français
language-name-zh-Hans = 简体中文
language-name-zh-Hant = 繁體中文
language-changed = C'est fait : je vous parlerai désormais en français.
ask-timezone = Votre fuseau horaire actuel : <b>{ $timezone }</b>. Il me sert à comprendre des heures comme « hier vers 21h ». Choisissez le vôtre ci-dessous, ou envoyez /timezone suivi d'un nom de fuseau comme Europe/Paris ou d'un décalage comme UTC+1.
timezone-button = { $zone }
timezone-changed = Fuseau horaire réglé sur <b>{ $timezone }</b>.
error-timezone = Je ne connais pas le fuseau horaire « { $value } ». Essayez un nom comme Europe/Paris ou Asia/Shanghai, ou un décalage comme UTC+1.

## The questions

ask-platform = Sur quelle application ou plateforme l'argent a-t-il été dépensé ?
platform-douyin = Douyin (抖音)
platform-tiktok = TikTok
platform-wechat = WeChat (mini-programme ou mini-jeu)
platform-kuaishou = Kuaishou (快手)
platform-other = Autre
platform-custom = { $name }
# La plateforme telle qu'on la nomme dans une phrase (« Quel compte a servi aux achats sur Douyin ? »).
platform-inline-douyin = Douyin
platform-inline-tiktok = TikTok
platform-inline-wechat = WeChat
platform-inline-kuaishou = Kuaishou
ask-platform-other = Comment s'appelle l'application ou la plateforme ?

ask-problem = Que s'est-il passé ?
problem-minor-purchase = Un enfant a payé sans mon accord
problem-payment-failed = Paiement échoué mais débité, ou double débit
problem-not-activated = J'ai payé mais le service n'a jamais démarré
problem-other = Autre chose

ask-writer = Qui remplit cette demande ?
writer-parent = Un parent
writer-guardian = Un autre responsable légal
writer-minor = L'enfant
writer-other = Quelqu'un d'autre

ask-minor-age = Quel âge a l'enfant ? Le nombre suffit, par exemple 12.
error-age = Indiquez l'âge de l'enfant en années, entre { $low } et { $high } : par exemple 12.
error-age-range = { $age ->
        [one] { $age } an
       *[other] { $age } ans
    }, c'est en dehors de l'âge prévu pour une demande concernant un mineur (de { $low } à { $high } ans). Pouvez-vous vérifier l'âge de l'enfant ?

ask-account = Quel compte a servi aux achats sur { $platform } ? Son identifiant, son nom d'utilisateur ou le numéro de téléphone associé : ce que vous voyez sur la page de profil de l'application.

ask-tx-amount = <b>Achat n° { $number }</b> : quel montant a été débité ? Par exemple 9,90 €, 648 ¥ ou 30 yuans.
error-amount = Je n'ai pas reconnu de montant. Écrivez-le avec sa devise, par exemple « 9,90 € », « 648 ¥ », « 30 yuans » ou « 9,99 USD ».
ask-tx-time = Quand est-ce arrivé ? Par exemple « hier vers 21h », « le 3 novembre à 14h10 » ou « 03/11/2025 14:10 ». (J'utilise votre fuseau horaire, { $timezone } ; pour le changer : /timezone.)
error-time = Je n'ai pas reconnu de date ni d'heure. Essayez par exemple « hier vers 21h », « lundi dernier vers 20h » ou « 03/11/2025 14:10 » (fuseau horaire { $timezone }).
error-time-future = Cette date est dans le futur : chez vous, nous sommes le { $now }. Quand le débit a-t-il eu lieu ?
ask-tx-confirm = <b>{ $money }</b> le <b>{ $when }</b> : c'est bien ça ?
tx-confirm-order = Numéro de commande : { $order }
tx-currency-assumed = (Vous n'avez pas indiqué de devise, j'ai donc supposé { $currency }. Si ce n'est pas la bonne, appuyez sur « Non, modifier », puis sur « Le montant », et précisez la devise.)
tx-old-warning = ⚠️ C'était il y a { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    }. Un achat ancien peut tout de même être réclamé, mais vérifiez bien la date.
button-tx-correct = ✅ Oui, c'est bien ça
button-tx-fix = ✏️ Non, modifier
ask-tx-fix = Que faut-il modifier dans l'achat n° { $number } ?
button-fix-amount = 💰 Le montant
button-fix-time = 🕘 La date et l'heure
button-fix-order = 🧾 Le numéro de commande
button-fix-nothing = ↩️ Rien, c'est bon
ask-tx-order = Avez-vous le numéro de commande (identifiant de transaction) ? { $where } Envoyez-le ici, ou appuyez sur le bouton si vous ne l'avez pas.
tx-order-where =
    { $method ->
        [alipay] Dans Alipay, ouvrez Me → Bills et touchez le paiement : c'est le « Order number » de son détail.
        [wechat-pay] Dans WeChat, ouvrez Me → Services → Wallet → Transactions et touchez le paiement : c'est le « Transaction ID ».
        [bank-card] Un relevé de carte n'en montre souvent pas, mais le détail du débit dans l'application de votre banque peut indiquer une référence.
        [apple] C'est l'« Order ID » de l'e-mail de reçu d'Apple, repris sur reportaproblem.apple.com.
        [google-play] C'est le numéro qui commence par GPA. dans l'e-mail de reçu de Google Play, ou dans l'historique des commandes de l'application Play Store.
        [platform-balance] Il figure dans le portefeuille de l'application : ouvrez l'historique de recharge ou de dépense de cet achat.
       *[other] Il figure sur le relevé ou le reçu du paiement.
    }
button-no-order = Je ne l'ai pas
error-order = Cela ne ressemble pas à un numéro de commande : il se compose de lettres et de chiffres, par exemple 4200001234202511031234567890. Renvoyez-le, ou appuyez sur « Je ne l'ai pas ».
tx-recorded = Achat n° { $count } enregistré. Total pour l'instant : <b>{ $total }</b>.
ask-tx-more = Y a-t-il un autre achat ou débit à ajouter ?
button-tx-add = ➕ Ajouter un achat
button-tx-done = C'est tout
error-tx-max = Une demande peut contenir au maximum { $max ->
        [one] { $max } achat
       *[other] { $max } achats
    }. S'il y en a d'autres, mentionnez-les dans la description.
ask-tx-list = Vos achats : choisissez celui à modifier ou à supprimer.
button-tx-change = ✏️ Modifier n° { $number }
button-tx-remove = 🗑 Supprimer n° { $number }
button-back-to-review = ↩️ Retour au récapitulatif
tx-removed = Achat n° { $number } supprimé.
error-tx-last = Une demande doit contenir au moins un achat : modifiez celui-ci plutôt que de le supprimer.

ask-payment = Comment l'achat a-t-il été payé ?
payment-alipay = Alipay
payment-wechat-pay = WeChat Pay
payment-bank-card = Carte bancaire
payment-apple = Apple (App Store)
payment-google-play = Google Play
payment-platform-balance = Solde ou pièces dans l'appli
payment-other = Autre
# Le moyen de paiement tel qu'on le nomme dans une phrase (« Un paiement par carte bancaire… »).
payment-inline-alipay = Alipay
payment-inline-wechat-pay = WeChat Pay
payment-inline-bank-card = carte bancaire
payment-inline-apple = votre compte Apple
payment-inline-google-play = Google Play
payment-inline-platform-balance = le solde ou les pièces de l'application
ask-payment-other = Quel moyen de paiement a été utilisé ?
payment-record =
    { $method ->
        [alipay] le détail du paiement dans Alipay (Me → Bills)
        [wechat-pay] le détail du paiement dans WeChat Pay (Me → Services → Wallet → Transactions)
        [bank-card] l'application de votre banque ou votre relevé de carte
        [apple] l'e-mail de reçu d'Apple, ou sur reportaproblem.apple.com
        [google-play] l'e-mail de reçu de Google Play, ou l'historique des commandes de l'application Play Store
        [platform-balance] l'historique des recharges et des dépenses du portefeuille de l'application
       *[other] le relevé ou le reçu du paiement
    }

ask-evidence = Passons aux justificatifs : envoyez des captures d'écran de l'achat dans l'application (portefeuille ou historique des commandes) et du paiement, que vous trouverez dans { $record }. Photos ou PDF, autant que vous voulez, en une fois ou en plusieurs messages. Vous n'avez aucune capture ? Appuyez sur « Je n'ai pas de captures ».
evidence-count = { $count ->
        [one] Pour l'instant, j'ai { $count } fichier.
       *[other] Pour l'instant, j'ai { $count } fichiers.
    } Envoyez-en d'autres, ou appuyez sur « Terminé ».
evidence-kept-aside = { $count ->
        [one] J'ai ajouté ce fichier aux justificatifs de votre demande.
       *[other] J'ai ajouté ces { $count } fichiers aux justificatifs de votre demande.
    }
button-evidence-done = ✅ Terminé
button-no-evidence = Je n'ai pas de captures
error-evidence-none = Je n'ai encore reçu aucun fichier. Envoyez au moins une capture d'écran, ou appuyez sur « Je n'ai pas de captures ».
error-evidence-text = À cette étape, j'ai besoin de captures d'écran ou de fichiers PDF : envoyez-les en photo ou en fichier. Si vous n'en avez aucune, appuyez sur « Je n'ai pas de captures ».
error-evidence-text-more = À cette étape, j'ai besoin de captures d'écran ou de fichiers PDF : envoyez-en d'autres en photo ou en fichier, ou appuyez sur « Terminé » si c'est tout.
error-file-type = Je ne peux pas utiliser « { $name } » : envoyez plutôt des images ou des fichiers PDF.
error-file-size = « { $name } » est trop lourd ({ $size } Mo ; maximum { $limit } Mo). Une capture d'écran suffit.
error-evidence-max = Une demande peut contenir au maximum { $max ->
        [one] { $max } fichier
       *[other] { $max } fichiers
    } ; les autres n'ont pas été conservés.

ask-description = Racontez avec vos mots ce qui s'est passé. Tout ce qui peut aider : comment l'enfant a pu payer, ce qui a été acheté, ce que vous avez déjà tenté.
error-description-short = Pouvez-vous m'en dire un peu plus ? Une ou deux phrases suffisent.
ask-contact = Souhaitez-vous laisser un autre moyen de vous joindre (téléphone ou e-mail) ? C'est facultatif : nous vous répondrons toujours ici.
button-skip-contact = Passer

## Review and submit

review-header = <b>Vérifiez votre demande</b>
# Un champ par ligne (les parties d'un message sont séparées par une ligne vide) ; identique dans chaque langue.
review-lines =
    { $first }
    { $rest }
review-platform = Plateforme : { $value }
review-problem = Problème : { $value }
review-writer = Rempli par : { $value }
review-minor-age = Âge de l'enfant : { $age ->
        [one] { $age } an
       *[other] { $age } ans
    }
review-account = Compte : { $value }
review-tx-line = { $number }. { $money } — { $when } — numéro de commande : { $order }
review-total = Total : <b>{ $total }</b>
review-payment = Moyen de paiement : { $value }
review-evidence = Justificatifs : { $count ->
        [one] { $count } fichier
       *[other] { $count } fichiers
    }
review-no-evidence = Justificatifs : aucun (vous avez indiqué ne pas avoir de captures)
review-description = Description : { $value }
review-contact = Pour vous joindre : { $value }
review-no-contact = Pour vous joindre : ici uniquement
ask-review = Appuyez sur un bouton pour modifier une information, ou envoyez la demande.
button-edit-platform = ✏️ Plateforme
button-edit-problem = ✏️ Problème
button-edit-writer = ✏️ Rempli par
button-edit-minor-age = ✏️ Âge de l'enfant
button-edit-account = ✏️ Compte
button-edit-transactions = ✏️ Achats
button-edit-payment = ✏️ Paiement
button-edit-evidence = ➕ Justificatifs
button-edit-description = ✏️ Description
button-edit-contact = ✏️ Coordonnées
button-submit = 📨 Envoyer ma demande
submitted = ✅ Votre demande a bien été envoyée. Votre référence : <b>{ $reference }</b>. Pensez à la rappeler chaque fois que vous nous contactez.
submitted-timeline = Et maintenant ? Notre équipe d'assistance va examiner votre demande et vous répondre ici sous { $days ->
        [one] { $days } jour ouvré
       *[other] { $days } jours ouvrés
    }. S'il lui manque quelque chose, elle vous le demandera ici. Si vous n'êtes pas d'accord avec la décision, vous pourrez la contester une fois. Envoyez /status à tout moment pour suivre l'avancement.

## Status

status-none = Vous n'avez encore envoyé aucune demande.
status-header = <b>Vos demandes</b>
status-submitted = reçue, en attente de traitement
status-in-review = en cours d'examen
status-waiting-parent = en attente de votre réponse
status-decided = décision rendue
status-appealed = contestation en cours d'examen
status-closed = clôturée

## Things the bot can't use

error-use-buttons = Choisissez simplement l'un des boutons ci-dessous.
error-empty-answer = Cette réponse est vide. Pouvez-vous écrire quelque chose ?
error-text-too-long = C'est trop long pour cette question ({ $length ->
        [one] { $length } caractère
       *[other] { $length } caractères
    } ; { $max } au maximum). Pouvez-vous raccourcir ?
error-stale-button = Ce bouton correspond à une question précédente, je l'ai donc ignoré.
error-sticker = Joli sticker ! Mais ici, je ne peux lire que du texte.
error-voice = Je ne peux pas écouter les messages vocaux ou vidéo : merci d'écrire votre réponse.
error-unsupported = Je ne peux pas utiliser ce type de message ici.
error-media-here = Merci ! Je vous demanderai les captures d'écran un peu plus loin. Pour l'instant, j'ai besoin d'une réponse écrite.
error-edited = Je ne lis que les nouveaux messages, pas les messages modifiés. Si vous vouliez changer votre réponse, renvoyez-la dans un nouveau message.
error-unknown-command = Je ne connais pas la commande { $command }.

## Command menu (Telegram)

command-start = Commencer ou reprendre une demande
command-status = Voir mes demandes
command-language = Changer de langue
command-timezone = Changer de fuseau horaire
command-help = Comment ça marche
command-cancel = Abandonner la demande en cours

## Support team's group (in the agents' language)

desk-topic-name = { $reference } · { $platform } · { $total }
desk-card-header = 📋 Demande <b>{ $reference }</b> — { $status }
desk-card-escalated = 🚨 Transmise aux superviseurs
desk-card-overdue = ⏰ En retard
desk-card-tx-when = { $when } ({ $city }, UTC{ $offset })
desk-card-tx-when-team = { $when } ({ $city }, UTC{ $offset }) · { $team_time } à { $team_city }
desk-card-parent = Langue du parent : { $language } · fuseau { $timezone } · envoyée le { $submitted }
desk-card-due = Échéance de la décision : { $due }
desk-card-assignee = Prise en charge par : { $name }
desk-card-unassigned = Pas encore prise en charge
desk-card-approved = Décision : acceptée en totalité ({ $total })
desk-card-partial = Décision : acceptée en partie ({ $amount })
desk-card-rejected = Décision : refusée — { $reason }
desk-card-note = Note pour le parent : { $note }
desk-card-waiting-question = ✍️ En attente de la question de { $name } au parent : son prochain message dans ce fil.
desk-card-waiting-amount = ✍️ En attente du montant accordé par { $name } : son prochain message dans ce fil (par ex. 300 ou 300 CNY).
desk-card-waiting-reason = ✍️ { $name } refuse la demande : motif à choisir ci-dessous.
desk-card-waiting-note = ✍️ { $name } refuse la demande ({ $reason }) : en attente de sa note pour le parent, son prochain message dans ce fil, ou « Sans note » ci-dessous.
desk-evidence-caption = Justificatifs de { $reference } ({ $count ->
        [one] { $count } fichier
       *[other] { $count } fichiers
    })
desk-button-claim = 🙋 M'attribuer
desk-button-unclaim = ↩️ Libérer
desk-button-ask = ❓ Question au parent
desk-button-approve = ✅ Accepter
desk-button-partial = ➗ Accepter en partie
desk-button-reject = ❌ Refuser
desk-button-escalate = 🚨 Faire remonter
desk-button-close = 🗂 Clôturer
desk-button-reopen = 🔓 Rouvrir
desk-button-no-note = Sans note
desk-button-cancel = ✖️ Annuler
desk-button-files = 📎 Voir { $count ->
        [one] le fichier
       *[other] les { $count } fichiers
    }
reject-button-insufficient-evidence = Justificatifs insuffisants
reject-button-not-a-minor = Pas un mineur
reject-button-too-old = Trop ancien
reject-button-already-refunded = Déjà remboursé
reject-button-duplicate = Doublon
reject-button-other = Autre motif
desk-status-submitted = nouvelle
desk-status-in-review = en cours d'examen
desk-status-waiting-parent = en attente du parent
desk-status-decided = décision rendue
desk-status-appealed = contestée
desk-status-closed = clôturée
reject-reason-insufficient-evidence = les justificatifs ne montrent pas les achats
reject-reason-not-a-minor = les achats n'ont pas été faits par un mineur
reject-reason-too-old = les achats sont trop anciens pour être remboursés
reject-reason-already-refunded = les achats ont déjà été remboursés
reject-reason-duplicate = une demande identique a déjà été faite
reject-reason-other = la demande ne remplit pas les conditions de remboursement
desk-refused-state = { $reference } — { $status } : cette action n'est pas possible pour l'instant.
desk-refused-unclaimed = Personne n'a encore pris en charge { $reference }.
desk-refused-claimed = La demande { $reference } est déjà prise en charge par { $name }.
desk-refused-escalated = La demande { $reference } a déjà été transmise aux superviseurs.
desk-refused-other-agent = La demande { $reference } est suivie par { $name } : cette action est réservée à cette personne ou à un superviseur.
desk-refused-unknown = Ce bouton n'est plus valide.
desk-not-agent = Seuls les agents de l'assistance peuvent traiter les demandes ici.
desk-ask-prompt = Écrivez votre question au parent de { $reference } dans votre prochain message, dans ce fil.
desk-question-sent = Question envoyée au parent de { $reference }.
desk-partial-prompt = Quel montant rembourser pour { $reference } ? Envoyez-le dans votre prochain message{ $example ->
        [bare] {" "}(par ex. { $amount } ou { $amount } { $currency }).
        [coded] {" "}(par ex. { $amount } { $currency } : précisez la devise).
       *[none] .
    }
desk-partial-currency = Précisez la devise : la demande porte sur { $total }.
desk-partial-too-much = C'est plus que le montant demandé ({ $total }).
desk-reject-prompt = Choisissez sur la fiche le motif du refus de { $reference }.
desk-reject-note-prompt = Ajoutez une note pour le parent de { $reference } dans votre prochain message, ou appuyez sur « Sans note ».
desk-files-already-shown = Les fichiers de { $reference } sont déjà publiés dans ce fil.
desk-escalated = 🚨 { $reference } : demande transmise aux superviseurs.
desk-mention = <a href="tg://user?id={ $id }">superviseur</a>
desk-closed-no-relay = La demande { $reference } est clôturée : rien n'a été envoyé au parent. Rouvrez-la pour lui écrire.
desk-queue-header = <b>Demandes ouvertes</b>, les plus urgentes d'abord :
desk-mine-header = <b>Vos demandes ouvertes</b>, les plus urgentes d'abord :
desk-queue-empty = Aucune demande ouverte. 🎉
desk-queue-line = { $reference } · { $status } · { $age } · échéance { $due } · { $name }
desk-queue-line-overdue = ⏰ { $reference } · { $status } · { $age } · échéance dépassée ({ $due }) · { $name }
desk-age-hours = depuis { $hours } h
desk-age-days = depuis { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    }
desk-case-unknown = Aucune demande { $reference }. Utilisation : /case K7QM4
relay-from-parent = 👤 Parent ({ $reference }) : { $text }
relay-from-parent-edited = 👤 Parent ({ $reference }), correction d'un message précédent : { $text }

## Parents, about their submitted case

support-name = L'équipe d'assistance
relay-to-parent = 💬 { $name }, au sujet de votre demande <b>{ $reference }</b> : { $text }
relay-to-parent-edited = 💬 { $name }, au sujet de votre demande <b>{ $reference }</b> (correction d'un message précédent) : { $text }
parent-claimed = { $name } examine maintenant votre demande <b>{ $reference }</b>.
parent-question = ❓ { $name } a besoin de précisions sur votre demande <b>{ $reference }</b> : { $text }
    Répondez simplement ici, par écrit ou avec des captures d'écran.
parent-escalated = Votre demande <b>{ $reference }</b> a été transmise à un superviseur.
parent-closed = Votre demande <b>{ $reference }</b> est maintenant clôturée. Envoyez /start si vous souhaitez en faire une nouvelle.
parent-reopened = Votre demande <b>{ $reference }</b> a été rouverte et fait l'objet d'un nouvel examen.
parent-decision-note = L'agent précise : { $note }
button-appeal = ⚖️ Contester
parent-which-case = À quelle demande votre message se rapporte-t-il ?
button-case = Demande { $reference }
parent-relayed = Message transmis à l'équipe d'assistance (demande <b>{ $reference }</b>). Nous vous répondrons ici.
parent-all-closed = Toutes vos demandes sont clôturées.

## Follow-ups

reminder-intake-first = Vous avez commencé une demande de remboursement sans la terminer. On la reprend là où vous en étiez ? Il ne faut que quelques minutes.
reminder-intake-again = Votre demande de remboursement vous attend toujours. Terminez-la pour que notre équipe d'assistance puisse commencer à la traiter.
reminder-missing-evidence = Votre demande <b>{ $reference }</b> n'a pas encore de captures d'écran. Si vous retrouvez l'historique d'achat ou le reçu de paiement, envoyez-le ici : vos chances d'obtenir un remboursement seront bien meilleures.
parent-check-in = Point sur votre demande <b>{ $reference }</b> — statut : { $status }. Nous ne vous oublions pas : l'équipe prévoit de rendre sa décision d'ici le { $due }.
parent-satisfaction = Votre demande <b>{ $reference }</b> est clôturée. Comment évaluez-vous notre aide ?
button-rating = { $stars ->
        [1] ⭐
        [2] ⭐⭐
        [3] ⭐⭐⭐
        [4] ⭐⭐⭐⭐
       *[other] ⭐⭐⭐⭐⭐
    }
parent-thanks = Merci pour votre réponse !
desk-unclaimed = 🙋 La demande { $reference } attend depuis { $hours } h sans être prise en charge.
desk-deadline-warning = ⏳ { $reference } : la décision est attendue pour le { $due }.
desk-deadline-overdue = ⏰ La demande { $reference } est en retard : la décision était attendue pour le { $due }.
text-cut = … (coupé)

## A claim's purchases in /status, numbered, each on the clock the parent gave it in (a part of
## the day stays "in the evening, around 8:00 PM").
status-purchase = { $number }. { $money } — { $when }

## The time zone, asked once before the first purchase's time when the language names no place
## (a bare "en" client): a city button, or a city or an offset typed (handlers/intake/zone.py).
ask-zone = Une question avant l'heure : où êtes-vous ? Je lis les heures que vous donnez sur votre propre horloge, et l'équipe d'assistance les voit ainsi elle aussi. Appuyez sur votre ville (ou une autre à la même heure), ou écrivez une autre ville ou votre décalage par rapport à UTC, par exemple « Berlin » ou « UTC-5 ».
error-zone = Je ne sais pas où se trouve « { $value } ». Appuyez sur la ville la plus proche qui a la même heure que vous, ou écrivez votre décalage par rapport à UTC, par exemple « UTC+8 » ou « -5 ».
zone-city-london = Londres
zone-city-new-york = New York
zone-city-chicago = Chicago
zone-city-los-angeles = Los Angeles
zone-city-sydney = Sydney
zone-city-auckland = Auckland
zone-city-singapore = Singapour
zone-city-hong-kong = Hong Kong
zone-city-shanghai = Shanghai
zone-city-india = Inde
