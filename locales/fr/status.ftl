# Refund Desk — français : /status, les demandes d'un parent (handlers/aftercare/status.py).
# Chaque message doit exister dans toutes les langues de locales/.

## Une demande dans la liste et dans sa vue détaillée

# Assemble des lignes en un seul paragraphe ; identique dans toutes les langues.
status-lines =
    { $first }
    { $rest }
status-case = Demande <b>{ $reference }</b> ({ $platform }) : { $status }
status-claimed = Montant réclamé : { $amount }
status-refund = Remboursement accordé : { $amount }
status-not-approved = Refusée : { $reason }
status-due = Décision attendue d'ici le { $due }
status-overdue = ⏰ La décision était attendue pour le { $due } — désolés pour l'attente, nous nous en occupons.
status-timeline = <i>Ce qui s'est passé :</i>
status-event = • { $when } : { $what }
status-compact = <b>{ $reference }</b>, envoyée le { $submitted } : { $status } · { $claimed }
status-more = … et { $count ->
        [one] une demande plus ancienne
       *[other] { $count } demandes plus anciennes
    }. Pour en voir une, envoyez /status suivi de sa référence, par exemple <code>/status K7QM4</code>.
status-pick = Appuyez sur une demande pour la voir en entier, y ajouter un message ou des justificatifs.
status-unknown = Je ne trouve aucune demande { $reference } parmi les vôtres. La référence figure dans le message reçu à l'envoi de votre demande ; envoyez /status pour voir toutes vos demandes.

## Compléter une demande

status-write-message = Écrivez maintenant votre message au sujet de <b>{ $reference }</b> : il sera transmis directement à l'équipe d'assistance.
status-send-evidence = Envoyez maintenant les captures d'écran ou documents pour <b>{ $reference }</b> (plusieurs à la fois, c'est possible) : ils seront transmis directement à l'équipe d'assistance.
status-closed-no-message = Votre demande <b>{ $reference }</b> est clôturée : on ne peut plus rien y ajouter. Si besoin, envoyez /start pour faire une nouvelle demande.
status-finish-intake-first = Vous êtes en train de remplir une nouvelle demande : votre prochain message serait pris comme une réponse à celle-ci. Terminez-la (ou envoyez /cancel), puis appuyez de nouveau sur le bouton de <b>{ $reference }</b>.
status-finish-appeal-first = Vous êtes en train de rédiger une contestation pour <b>{ $reference }</b> : votre prochain message y serait ajouté. Envoyez-la ou annulez-la d'abord, puis appuyez de nouveau sur le bouton.
button-status-open = 📄 Voir { $reference }
button-status-message = ✉️ Ajouter un message
button-status-evidence = 📎 Ajouter des justificatifs
button-status-all = ⬅️ Toutes mes demandes

## Ce qui s'est passé, une ligne par étape (les agents n'y sont jamais nommés)

timeline-submitted = vous avez envoyé la demande
timeline-claimed = un agent l'a prise en charge
timeline-asked = l'équipe vous a posé une question
timeline-support-message = { $count ->
        [one] l'équipe vous a écrit
       *[other] l'équipe vous a écrit ({ $count } messages)
    }
timeline-parent-message = { $count ->
        [one] vous avez envoyé un message
       *[other] vous avez envoyé { $count } messages
    }
timeline-approved = acceptée en totalité
timeline-partial = acceptée en partie
timeline-rejected = refusée
timeline-decided = décision rendue
timeline-appealed = vous avez contesté la décision
timeline-escalated = transmise à un superviseur
timeline-closed = clôturée
timeline-reopened = rouverte pour un nouvel examen
