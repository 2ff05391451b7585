# Captures lues (#16) : ce que disait une capture, proposé au parent ; fichiers refusés ;
# la vérification croisée des agents sous la fiche.

reading-offer = 📷 Sur votre capture d'écran, j'ai lu :
reading-offer-amount = • Montant : <b>{ $money }</b>
reading-offer-when = • Payé le : <b>{ $when }</b>
reading-offer-order = • Référence de commande : <b>{ $order }</b>
reading-offer-question = Je les reprends pour l'achat { $number } ? Rien n'est enregistré sans votre accord.
button-reading-use = ✅ Oui, les reprendre
button-reading-amount = ✏️ Corriger le montant
button-reading-time = ✏️ Corriger l'heure
button-reading-order = ✏️ Corriger la référence
button-reading-no = ⌨️ Je les tape
reading-used = Repris de votre capture d'écran.
reading-declined = D'accord : la capture reste jointe à votre demande, et vous tapez les détails.
reading-file-refused = { $reason ->
    [size] Je ne peux pas garder « { $name } » : il fait { $size } Mo, la limite est de { $limit } Mo. Une capture d'écran suffit.
    [type] Je ne peux pas garder « { $name } » : ce n'est pas vraiment une image ni un PDF. Envoyez une capture d'écran ou un PDF.
   *[gone] Je n'ai pas pu récupérer « { $name } » auprès de Telegram. Envoyez-le de nouveau, s'il vous plaît.
}
card-reading-agrees = 📷 Capture { $number } : ✅ { $what ->
    [amount] le montant concorde
    [time] l'heure concorde
    [order] la référence de commande concorde
    [amount-time] montant et heure concordent
    [amount-order] montant et référence de commande concordent
    [time-order] heure et référence de commande concordent
   *[amount-time-order] montant, heure et référence de commande concordent
}
card-reading-amount-differs = 📷 Capture { $number } : ⚠️ la capture indique { $read }, la demande { $claimed }
card-reading-time-differs = 📷 Capture { $number } : ⚠️ la capture indique { $read }, la demande { $claimed }
card-reading-order-differs = 📷 Capture { $number } : ⚠️ référence de commande sur la capture : { $read }, dans la demande : { $claimed }
card-reading-order = 📷 Capture { $number } : référence de commande lue sur la capture : { $order }
card-reading-unmatched = 📷 Capture { $number } : lu { $read }, ne correspond à aucun achat de la demande
