## Les données du parent, sous son contrôle : /mydata, /delete, /notifications

mydata-caption = 📄 Tout ce que nous conservons sur vous et vos demandes, dans un seul fichier (JSON). Les heures y figurent en UTC et dans votre fuseau horaire.
mydata-caption-files = 📄 Tout ce que nous conservons sur vous et vos demandes, dans une archive ZIP : les données dans un fichier (JSON, heures en UTC et dans votre fuseau horaire), et les captures d'écran et documents que vous avez envoyés, rangés par demande.
mydata-caption-left-out = 📄 Tout ce que nous conservons sur vous et vos demandes, avec les captures d'écran et documents que vous avez envoyés. { $count ->
        [one] Un fichier n'a pas pu y entrer
       *[other] { $count } fichiers n'ont pas pu y entrer
    } : un bot Telegram ne peut pas envoyer plus de { $limit } Mo d'un coup. Le fichier JSON { $count ->
        [one] le mentionne, et nous le conservons
       *[other] les mentionne, et nous les conservons
    } toujours avec votre demande.
mydata-file-left-out = Absent de cette archive : avec lui, elle dépasserait les { $limit } Mo qu'un bot Telegram peut envoyer d'un coup. Il reste conservé avec votre demande.
mydata-file-missing = Absent de cette archive : il était introuvable dans le stockage au moment où l'archive a été faite.

erase-confirm =
    <b>Effacer vos données ?</b>
    Tout ce que nous conservons sur vous sera supprimé : vos réponses, vos captures d'écran, vos demandes et vos messages. L'équipe d'assistance ne garde que des chiffres anonymes (plateforme, montants, dates, décision) pour ses statistiques. C'est irréversible.
erase-confirm-open = Vos demandes encore en cours de traitement ({ $references }) seront clôturées : l'équipe d'assistance cessera de s'en occuper.
button-erase-confirm = 🗑 Tout effacer
button-erase-cancel = Garder mes données
erase-cancelled = Rien n'a été effacé.
erase-expired = Cette confirmation a expiré. Renvoyez /delete si vous voulez toujours effacer vos données.
erase-done = ✅ C'est fait : tout ce que nous conservions sur vous a été effacé. Si vous nous écrivez de nouveau, nous repartirons de zéro, comme avec une nouvelle personne.

notifications-on-now = 🔔 Les messages de suivi sont <b>activés</b> : tant qu'une demande est ouverte, je vous dis tous les quelques jours où elle en est. Les décisions et les questions de l'équipe d'assistance vous parviennent toujours.
notifications-muted-now = 🔕 Les messages de suivi sont <b>désactivés</b>. Les décisions et les questions de l'équipe d'assistance vous parviennent toujours.
button-check-ins-mute = 🔕 Couper le suivi
button-check-ins-unmute = 🔔 Réactiver le suivi
notifications-muted = 🔕 Messages de suivi coupés. Les décisions et les questions de l'équipe vous parviendront toujours aussitôt.
notifications-on = 🔔 Les messages de suivi sont réactivés.

command-mydata = Obtenir une copie de vos données
command-delete = Effacer vos données
command-notifications = Activer ou couper les messages de suivi

## Groupe de l'équipe d'assistance (dans la langue des agents)

desk-case-erased = 🗑 { $reference } : le parent a demandé l'effacement de ses données. La demande est clôturée et anonymisée ; il n'est plus possible de lui écrire.
desk-card-anonymized = 🗑 Anonymisée : les informations du parent et ses justificatifs ont été effacés.
desk-refused-anonymized = { $reference } a été anonymisée : plus aucune action n'est possible sur cette demande.
