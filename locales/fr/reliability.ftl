## Transmissions qui n'aboutissent pas : signalées aux superviseurs dans le groupe des agents

handoff-alert = ⚠️ La demande <b>{ $reference }</b> n'est pas parvenue à ce groupe : { $attempts } tentatives ont échoué. Réponse de Telegram : { $problem }
    Le bot réessaie { $minutes ->
        [one] chaque minute
       *[other] toutes les { $minutes } minutes
    }. Vérifiez ce que le bot a le droit de faire dans ce groupe (envoyer des messages, gérer les sujets), ou prévenez la personne qui l'administre.
handoff-alert-internal = ⚠️ La demande <b>{ $reference }</b> n'est pas parvenue à ce groupe : { $attempts } tentatives ont échoué sur une erreur du bot lui-même ({ $problem }).
    Le bot réessaie { $minutes ->
        [one] chaque minute
       *[other] toutes les { $minutes } minutes
    }. Prévenez la personne qui administre le bot : le détail figure dans son journal.
handoff-recovered = ✅ La demande <b>{ $reference }</b> est maintenant arrivée dans ce groupe.
