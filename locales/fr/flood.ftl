## Personne ne submerge le bot ni l'équipe (ticket #10)

# À une personne qui envoie plus que le bot ne traite en une minute : une fois par rafale.
flood-notice = Vous envoyez des messages très vite, alors j'ai cessé de lire un instant. Faites une courte pause, puis renvoyez ce qui m'a échappé : je le lirai.

# À un parent dont les messages sont regroupés pour ne pas submerger l'équipe.
parent-relayed-together = Bien reçu pour la demande <b>{ $reference }</b>. Vous écrivez vite ; l'équipe d'assistance recevra vos derniers messages ensemble dans un instant. Nous vous répondrons ici.

# Dans le fil de la demande : les messages du parent retenus une minute, en un seul.
relay-digest = 👤 Parent ({ $reference }), { $count ->
        [one] un message de plus, envoyé en rafale :
       *[other] { $count } messages de plus, envoyés en rafale :
    }
relay-digest-item = • { $text }
relay-digest-item-edited = • (correction d'un message précédent) { $text }
relay-digest-item-with-files = • { $text } (📎 { $count ->
        [one] un fichier ci-dessous
       *[other] { $count } fichiers ci-dessous
    })
relay-digest-item-files = • 📎 { $count ->
        [one] un fichier, ci-dessous
       *[other] { $count } fichiers, ci-dessous
    }
relay-digest-album = 👤 Parent ({ $reference }) : { $count ->
        [one] le fichier des messages ci-dessus
       *[other] les { $count } fichiers des messages ci-dessus
    }
