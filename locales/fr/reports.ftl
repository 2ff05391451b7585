# Rapports des superviseurs : /report dans le groupe des agents, le bilan hebdomadaire, `refund-desk report`.
desk-report-header = 📊 <b>{ $team }</b> · { $period } (demandes reçues sur la période)
desk-report-empty = Aucune demande reçue sur cette période.
desk-report-all-teams = Toutes les équipes
desk-report-none = —
desk-report-share = { $percent } ({ $met } sur { $due })
desk-report-hours = { $median } h (p90 { $p90 } h)
desk-report-volumes = 📥 Reçues { $received } · décidées { $decided } · en cours { $open } · en retard { $overdue }
desk-report-on-time = ⏱ Décidées dans les délais : { $first } · contestations dans les délais : { $appeal }
desk-report-times = ⌛ Heures ouvrées avant prise en charge { $claim } · avant première réponse { $answer } · avant décision { $decision }
desk-report-outcomes = ⚖️ Acceptées { $approved } · en partie { $partial } · refusées { $rejected } · clôturées sans décision { $closed } · contestées { $appealed } · rouvertes { $reopened }
desk-report-money = 💰 Demandé { $claimed } · accordé { $granted }
desk-report-orders = 🧾 Achats comparés aux relevés : trouvés { $found } · déjà remboursés { $refunded } · jamais débités { $voided } · incertains { $ambiguous } · introuvables { $missing }
desk-report-stars = ⭐ { $average }/5 sur { $count ->
        [one] { $count } avis
       *[other] { $count } avis
    }
desk-report-by-agent = <b>Par agent</b> (reçues · décidées · dans les délais)
desk-report-agent-line = • { $agent } : { $received } · { $decided } · { $on_time }
desk-report-agent = { $name }
desk-report-unassigned = Non prises en charge
desk-report-problem-minor-purchase = Achat d'un enfant
desk-report-problem-payment-failed = Paiement échoué ou double
desk-report-problem-not-activated = Service non activé
desk-report-problem-other = Autre
desk-report-unknown-period = « { $period } » n'est pas une période que je connais : utilisez /report, /report week, /report month ou /report 2026-09.
desk-report-chart-caption = 📊 { $team }, { $period }
desk-report-csv-caption = Une ligne par demande reçue sur la période (sans données personnelles).
desk-report-digest-intro = 🗓 Les chiffres de la semaine :
# Légendes du graphique (l'image envoyée par /report).
desk-report-chart-days = Demandes par jour
desk-report-chart-received = reçues
desk-report-chart-decided = décidées
desk-report-chart-on-time = décidées dans les délais
desk-report-chart-outcomes = Décisions
desk-report-chart-approved = acceptées
desk-report-chart-partial = en partie
desk-report-chart-rejected = refusées
desk-report-chart-open = en cours
desk-report-chart-decision-time = Heures ouvrées avant décision
desk-report-chart-cases = demandes
desk-report-chart-under-half-day = moins d'une demi-journée
desk-report-chart-under-day = ½ à 1 jour
desk-report-chart-under-two-days = 1 à 2 jours
desk-report-chart-under-week = 2 à 5 jours
desk-report-chart-longer = plus de 5 jours
# Satisfaction : la note du parent et son commentaire, sur la fiche et dans le fil de la demande.
desk-card-rating = ⭐ Note du parent : { $stars } ({ $count }/5)
desk-card-rating-comment = 💬 Commentaire du parent : { $text }
desk-rating-posted = ⭐ <b>{ $reference }</b> : le parent a noté le traitement { $stars } ({ $count }/5).
desk-rating-comment-posted = 💬 <b>{ $reference }</b>, commentaire du parent sur le traitement : { $text }
rating-comment-ask = Si vous voulez nous en dire plus sur le traitement de votre demande, écrivez-le dans votre prochain message.
rating-comment-thanks = Merci, votre commentaire a été transmis à l'équipe d'assistance.
# La page web des superviseurs (/dashboard).
dashboard-link = Votre lien de connexion à la page des superviseurs (valable { $minutes } minutes, une fois, pour vous seul) : { $url }
dashboard-refused = Cette commande est réservée aux superviseurs de l'équipe d'assistance.
dashboard-off = La page web des superviseurs n'est pas configurée pour ce bot.
desk-web-title = Tableau de bord des superviseurs
desk-web-signin-refused = Ce lien de connexion a déjà servi ou a expiré, ou vous n'êtes pas connecté. Envoyez /dashboard au bot dans Telegram pour recevoir un nouveau lien.
desk-web-signin-button = Se connecter
desk-web-period = Période (week, month, 2026-09)
desk-web-team = Équipe
desk-web-show = Afficher
desk-web-any = Toutes
desk-web-by-agent = Par agent
desk-web-by-platform = Par plateforme
desk-web-by-problem = Par type de problème
desk-web-by-language = Par langue
desk-web-cases-link = Les demandes, avec filtres →
desk-web-cases-title = Demandes
desk-web-case-title = Demande { $reference }
desk-web-count = { $count ->
        [one] { $count } demande (la plus récente d'abord)
       *[other] { $count } demandes (les plus récentes d'abord)
    }
desk-web-min-amount = Montant demandé minimum
desk-web-search = Référence ou compte
desk-web-overdue = En retard seulement
desk-web-col-reference = Référence
desk-web-col-submitted = Reçue
desk-web-col-status = Statut
desk-web-col-platform = Plateforme
desk-web-col-problem = Type de problème
desk-web-col-language = Langue
desk-web-col-account = Compte
desk-web-col-claimed = Demandé
desk-web-col-agent = Agent
desk-web-col-due = Échéance
desk-web-col-decision = Décision
desk-web-col-when = Quand
desk-web-col-amount = Montant
desk-web-col-order = Numéro de commande
desk-web-col-what = Ce qui s'est passé
desk-web-col-name = Nom
desk-web-col-received = Reçues
desk-web-col-decided = Décidées
desk-web-col-on-time = Dans les délais
desk-web-col-decision-time = Heures ouvrées avant décision
desk-web-purchases = Achats
desk-web-timeline = Historique
desk-web-files = { $count ->
        [one] { $count } fichier
       *[other] { $count } fichiers
    }
desk-web-event-submitted = Envoyée par le parent
desk-web-event-claimed = Prise en charge
desk-web-event-unclaimed = Plus prise en charge
desk-web-event-asked = Question au parent
desk-web-event-relayed = Message au parent
desk-web-event-parent-message = Message du parent
desk-web-event-decided = Décision
desk-web-event-appealed = Contestée par le parent
desk-web-event-escalated = Escaladée
desk-web-event-overdue = Échéance dépassée
desk-web-event-reopened = Rouverte
desk-web-event-closed = Clôturée
desk-web-event-moved = Transférée à une autre équipe
desk-web-event-rated = Notée par le parent
desk-web-event-comment = Commentaire du parent
desk-web-event-erased = Données personnelles effacées
desk-web-col-bills = Dans les relevés
desk-web-verdict-found = trouvé
desk-web-verdict-likely = probablement trouvé (montant et heure)
desk-web-verdict-refunded = déjà remboursé
desk-web-verdict-voided = jamais débité
desk-web-verdict-ambiguous = plusieurs commandes possibles
desk-web-verdict-not-found = introuvable
