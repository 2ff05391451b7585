# Refund Desk — French (fr). Same message ids and parameters as locales/en/main.ftl.
# Vouvoiement throughout. French plural rules: 0 and 1 are singular ([one]), so [one] variants
# always print the number itself rather than a literal "1".

## Start, consent, help

welcome = 👋 Bonjour ! Je suis Refund Desk. Je vous aide à récupérer votre argent si un enfant a payé dans une application sans votre accord, si votre compte a été débité deux fois ou pour un paiement qui a échoué, ou si vous avez payé un service qui n'a jamais démarré. Cela prend environ cinq minutes.
ask-consent =
    <b>Avant de commencer : vos données personnelles</b>
    Pour traiter votre demande, je dois conserver ce que vous m'indiquez ici : le compte, les achats, vos captures d'écran et, si votre enfant est concerné, son âge. Seule notre équipe d'assistance y a accès, et uniquement pour traiter votre demande. Tout est supprimé une fois la demande clôturée et le délai légal de conservation écoulé.
    Êtes-vous d'accord ?
button-consent-yes = ✅ J'accepte
button-consent-no = Non merci
consent-declined = C'est noté, je ne conserve rien. Sans votre accord, je ne peux pas enregistrer de demande, mais vous pouvez revenir quand vous voulez avec /start.
help =
    Je vous pose une question à la fois ; quand il y a un choix à faire, des boutons s'affichent.
    /start — commencer une demande, ou reprendre celle en cours
    /status — voir vos demandes et où elles en sont
    /language — changer de langue
    /timezone — changer de fuseau horaire (utilisé pour l'heure des achats)
    /cancel — abandonner la demande en cours
hint-start = Envoyez /start pour commencer une demande.
resume-question = Vous avez commencé une demande le { $started } et elle n'est pas terminée. On la reprend là où vous en étiez ?
button-resume = ▶️ Reprendre
button-restart = 🔄 Recommencer
cancelled = Votre demande inachevée a été abandonnée. Envoyez /start quand vous voulez recommencer.
nothing-to-cancel = Aucune demande n'est en cours : il n'y a rien à annuler.
case-already-submitted = Votre demande <b>{ $reference }</b> a été transmise à notre équipe d'assistance, qui vous répondra ici. Pour faire une nouvelle demande, envoyez /start.

## Language and time zone

ask-language = Dans quelle langue souhaitez-vous continuer ?
language-name-en = English
language-name-fr = Français
language-name-zh-Hans = 简体中文
language-name-zh-Hant = 繁體中文
language-changed = C'est fait : je vous parlerai désormais en français.
ask-timezone = Votre fuseau horaire actuel : <b>{ $timezone }</b>. Il me sert à comprendre des heures comme « hier vers 21h ». Choisissez le vôtre ci-dessous, ou envoyez /timezone suivi d'un nom de fuseau comme Europe/Paris ou d'un décalage comme UTC+1.
timezone-button = { $zone }
timezone-changed = Fuseau horaire réglé sur <b>{ $timezone }</b>.
error-timezone = Je ne connais pas le fuseau horaire « { $value } ». Essayez un nom comme Europe/Paris ou Asia/Shanghai, ou un décalage comme UTC+1.

## The questions

ask-platform = Sur quelle application ou plateforme l'argent a-t-il été dépensé ?
platform-douyin = Douyin (抖音)
platform-tiktok = TikTok
platform-wechat = WeChat (mini-programme ou jeu)
platform-kuaishou = Kuaishou (快手)
platform-other = Autre
platform-custom = { $name }
ask-platform-other = Comment s'appelle l'application ou la plateforme ?

ask-problem = Que s'est-il passé ?
problem-minor-purchase = Un enfant a payé sans mon accord
problem-payment-failed = Paiement échoué mais débité, ou double débit
problem-not-activated = J'ai payé mais le service n'a jamais démarré
problem-other = Autre chose

ask-writer = Qui remplit cette demande ?
writer-parent = Un parent
writer-guardian = Un autre responsable légal
writer-minor = L'enfant
writer-other = Quelqu'un d'autre

ask-minor-age = Quel âge a l'enfant ? Le nombre suffit, par exemple 12.
error-age = Indiquez l'âge de l'enfant en années, entre { $low } et { $high } : par exemple 12.
error-age-range = { $age ->
        [one] { $age } an
       *[other] { $age } ans
    }, c'est en dehors de l'âge prévu pour une demande concernant un mineur (de { $low } à { $high } ans). Pouvez-vous vérifier l'âge de l'enfant ?

ask-account = Quel compte a servi aux achats sur { $platform } ? Son identifiant, son nom d'utilisateur ou le numéro de téléphone associé : ce que vous voyez sur la page de profil de l'application.

ask-tx-amount = <b>Achat n° { $number }</b> : quel montant a été débité ? Par exemple 9,90 €, 648 ¥ ou 30 yuans.
error-amount = Je n'ai pas reconnu de montant. Écrivez-le avec sa devise, par exemple « 9,90 € », « 648 ¥ », « 30 yuans » ou « 9,99 USD ».
ask-tx-time = Quand est-ce arrivé ? Par exemple « hier vers 21h », « le 3 novembre à 14h10 » ou « 03/11/2025 14:10 ». (J'utilise votre fuseau horaire, { $timezone } ; pour le changer : /timezone.)
error-time = Je n'ai pas reconnu de date ni d'heure. Essayez par exemple « hier vers 21h », « lundi dernier vers 20h » ou « 03/11/2025 14:10 » (fuseau horaire { $timezone }).
error-time-future = Cette date est dans le futur : chez vous, nous sommes le { $now }. Quand le débit a-t-il eu lieu ?
ask-tx-confirm = <b>{ $money }</b> le <b>{ $when }</b> : c'est bien ça ?
tx-currency-assumed = (Vous n'avez pas indiqué de devise, j'ai donc supposé { $currency }. Si ce n'est pas la bonne, appuyez sur « Non, modifier » et précisez la devise.)
tx-old-warning = ⚠️ C'était il y a { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    }. Un achat ancien peut tout de même être réclamé, mais vérifiez bien la date.
button-tx-correct = ✅ Oui, c'est bien ça
button-tx-fix = ✏️ Non, modifier
ask-tx-order = Avez-vous le numéro de commande (identifiant de transaction) ? Vous le trouverez dans le détail du paiement sur Alipay, WeChat Pay ou l'application de votre banque. Envoyez-le ici, ou appuyez sur le bouton si vous ne l'avez pas.
button-no-order = Je ne l'ai pas
error-order = Cela ne ressemble pas à un numéro de commande : il se compose de lettres et de chiffres, par exemple 4200001234202511031234567890. Renvoyez-le, ou appuyez sur « Je ne l'ai pas ».
tx-recorded = Achat n° { $count } enregistré. Total pour l'instant : <b>{ $total }</b>.
ask-tx-more = Y a-t-il un autre achat ou débit à ajouter ?
button-tx-add = ➕ Ajouter un achat
button-tx-done = C'est tout
error-tx-max = Une demande peut contenir au maximum { $max ->
        [one] { $max } achat
       *[other] { $max } achats
    }. S'il y en a d'autres, mentionnez-les dans la description.
ask-tx-list = Vos achats : choisissez celui à modifier ou à supprimer.
button-tx-change = ✏️ Modifier n° { $number }
button-tx-remove = 🗑 Supprimer n° { $number }
button-back-to-review = ↩️ Retour au récapitulatif
tx-removed = Achat n° { $number } supprimé.
error-tx-last = Une demande doit contenir au moins un achat : modifiez celui-ci plutôt que de le supprimer.

ask-payment = Comment l'achat a-t-il été payé ?
payment-alipay = Alipay
payment-wechat-pay = WeChat Pay
payment-bank-card = Carte bancaire
payment-apple = Apple (App Store)
payment-google-play = Google Play
payment-platform-balance = Solde ou pièces dans l'appli
payment-other = Autre
ask-payment-other = Quel moyen de paiement a été utilisé ?

ask-evidence = Passons aux justificatifs : envoyez des captures d'écran des achats (portefeuille ou historique des commandes de l'application) et des paiements (Alipay, WeChat Pay ou relevé bancaire). Photos ou PDF, autant que vous voulez, en une fois ou en plusieurs messages. Appuyez sur « Terminé » quand vous avez tout envoyé.
evidence-count = { $count ->
        [one] Pour l'instant, j'ai { $count } fichier.
       *[other] Pour l'instant, j'ai { $count } fichiers.
    } Envoyez-en d'autres, ou appuyez sur « Terminé ».
evidence-kept-aside = { $count ->
        [one] J'ai ajouté ce fichier aux justificatifs de votre demande.
       *[other] J'ai ajouté ces { $count } fichiers aux justificatifs de votre demande.
    }
button-evidence-done = ✅ Terminé
button-no-evidence = Je n'ai pas de captures
error-evidence-none = Je n'ai encore reçu aucun fichier. Envoyez au moins une capture d'écran, ou appuyez sur « Je n'ai pas de captures ».
error-evidence-text = À cette étape, j'ai besoin de captures d'écran ou de fichiers PDF. Envoyez-les en photo ou en fichier, puis appuyez sur « Terminé ».
error-file-type = Je ne peux pas utiliser « { $name } » : envoyez plutôt des images ou des fichiers PDF.
error-file-size = « { $name } » est trop lourd ({ $size } Mo ; maximum { $limit } Mo). Une capture d'écran suffit.
error-evidence-max = Une demande peut contenir au maximum { $max ->
        [one] { $max } fichier
       *[other] { $max } fichiers
    } ; les autres n'ont pas été conservés.

ask-description = Racontez avec vos mots ce qui s'est passé. Tout ce qui peut aider : comment l'enfant a pu payer, ce qui a été acheté, ce que vous avez déjà tenté.
error-description-short = Pouvez-vous m'en dire un peu plus ? Une ou deux phrases suffisent.
ask-contact = Souhaitez-vous laisser un autre moyen de vous joindre (téléphone ou e-mail) ? C'est facultatif : nous vous répondrons toujours ici.
button-skip-contact = Passer

## Review and submit

review-header = <b>Vérifiez votre demande</b>
review-platform = Plateforme : { $value }
review-problem = Problème : { $value }
review-writer = Rempli par : { $value }
review-minor-age = Âge de l'enfant : { $age }
review-account = Compte : { $value }
review-tx-line = { $number }. { $money } — { $when } — n° de commande : { $order }
review-total = Total : <b>{ $total }</b>
review-payment = Moyen de paiement : { $value }
review-evidence = Justificatifs : { $count ->
        [one] { $count } fichier
       *[other] { $count } fichiers
    }
review-no-evidence = Justificatifs : aucun (vous avez indiqué ne pas avoir de captures)
review-description = Description : { $value }
review-contact = Pour vous joindre : { $value }
review-no-contact = Pour vous joindre : ici uniquement
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
submitted = ✅ Votre demande a bien été envoyée. Votre référence : <b>{ $reference }</b>. Pensez à la rappeler chaque fois que vous nous contactez.
submitted-timeline = Et maintenant ? Notre équipe d'assistance va examiner votre demande et vous répondre ici sous { $days ->
        [one] { $days } jour ouvré
       *[other] { $days } jours ouvrés
    }. S'il lui manque quelque chose, elle vous le demandera ici. Si vous n'êtes pas d'accord avec la décision, vous pourrez la contester une fois. Envoyez /status à tout moment pour suivre l'avancement.

## Status

status-none = Vous n'avez encore envoyé aucune demande.
status-header = <b>Vos demandes</b>
status-line = { $reference } — { $status } (envoyée le { $submitted })
status-submitted = reçue, en attente de traitement
status-in-review = en cours d'examen
status-waiting-parent = en attente de votre réponse
status-decided = décision rendue
status-appealed = contestation en cours d'examen
status-closed = clôturée

## Things the bot can't use

error-use-buttons = Choisissez simplement l'un des boutons ci-dessous.
error-empty-answer = Cette réponse est vide. Pouvez-vous écrire quelque chose ?
error-text-too-long = C'est trop long pour cette question ({ $length ->
        [one] { $length } caractère
       *[other] { $length } caractères
    } ; { $max } au maximum). Pouvez-vous raccourcir ?
error-stale-button = Ce bouton correspond à une question précédente, je l'ai donc ignoré.
error-sticker = Joli sticker ! Mais ici, je ne peux lire que du texte.
error-voice = Je ne peux pas écouter les messages vocaux ou vidéo : merci d'écrire votre réponse.
error-unsupported = Je ne peux pas utiliser ce type de message ici.
error-media-here = Merci ! Je vous demanderai les captures d'écran un peu plus loin. Pour l'instant, j'ai besoin d'une réponse écrite.
error-edited = Je ne lis que les nouveaux messages, pas les messages modifiés. Si vous vouliez changer votre réponse, renvoyez-la dans un nouveau message.
error-unknown-command = Je ne connais pas la commande { $command }.

## Command menu (Telegram)

command-start = Commencer ou reprendre une demande
command-status = Voir mes demandes
command-language = Changer de langue
command-timezone = Changer de fuseau horaire
command-help = Comment ça marche
command-cancel = Abandonner la demande en cours
