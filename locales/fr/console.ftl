## La console (refund-desk console) seulement : ce que la console dit elle-même, dans la
## langue du parent, entre les messages du bot. Jamais envoyé sur Telegram.

console-help =
    Dans cette console seulement :
    /as agent — devenir un agent de l'équipe d'assistance, dans le groupe des agents : appuyer sur les boutons de la fiche, écrire dans le sujet de la demande
    /as parent — redevenir le parent
    /clock +1d — avancer l'horloge (ou +3h, +30m) pour voir arriver les rappels et les échéances
    /clock — l'heure qu'il est pour le bot
console-help-agent =
    Vous êtes un agent, dans le groupe des agents. Tapez le numéro ou le libellé d'un bouton pour appuyer dessus ; tout autre texte va dans le sujet en cours et parvient au parent, sauf s'il commence par #note.
    { $case } K7QM4 — la fiche d'une demande, à nouveau ; son sujet devient le sujet en cours
    /queue, /mine — les demandes en cours
    /as parent — redevenir le parent
    /clock +1d — avancer l'horloge (ou +3h, +30m)
# Le nom de l'agent de la console sur la fiche (les parents voient « L'équipe d'assistance »).
console-agent-name = Camille
console-role-agent = Vous êtes maintenant { $name }, agent dans le groupe des agents. Les boutons numérotés sont ceux de la fiche ; ce que vous tapez va dans le sujet n° { $topic }.
console-role-agent-no-case = Vous êtes maintenant { $name }, agent dans le groupe des agents. Aucune demande n'y est encore arrivée : tapez /as parent et envoyez-en une.
console-role-parent = Vous êtes de nouveau le parent. Les boutons numérotés sont ceux du dernier message que le bot vous a envoyé.
console-as-usage = Tapez /as agent ou /as parent.
console-real-group = Le groupe des agents indiqué dans [agents] chat_id est un vrai groupe Telegram : son côté se passe sur Telegram (refund-desk run), pas dans cette console.
console-no-topic = Aucune demande n'est encore arrivée dans le groupe des agents : il n'y a pas de sujet où écrire.
console-clock-now = Horloge du bot : { $when } ({ $zone }).
console-clock-usage = Avancez l'horloge avec /clock +1d, /clock +3h ou /clock +30m.
console-clock-fixed = L'horloge de cette console ne peut pas être avancée.
console-topic-created = Nouveau sujet n° { $topic } dans le groupe des agents : { $name }
console-in-group = Dans le groupe des agents :
console-in-topic = Dans le groupe des agents, sujet n° { $topic } :
console-edited-in-group = Modifié dans le groupe des agents :
console-edited-in-topic = Modifié dans le groupe des agents, sujet n° { $topic } :
console-to-parent = Au parent :
console-edited-to-parent = Modifié, dans la conversation du parent :
console-edited = Modifié :
