## Montants et heures compris mais inutilisables tels quels (handlers/parsing/, docs/parsing.md) :
## une estimation ou une fourchette au lieu du montant débité, et une heure donnée seulement
## par le moment de la journée, montrée comme l'approximation qu'elle est.

error-amount-vague = Cela ressemble à une estimation, mais la demande doit indiquer le montant exact débité : c'est ce montant qui sera remboursé. Vous le trouverez dans { $record }. Envoyez-le, par exemple « 9,99 € » ou « 30 yuans ».
error-amount-range = C'est une fourchette, mais la demande doit indiquer le montant exact débité. Retrouvez-le dans { $record } et envoyez ce montant, par exemple « 9,99 € ». Plusieurs débits ? Envoyez-en un maintenant, vous pourrez ajouter les autres ensuite.
# Le jour, puis le moment de la journée donné par le parent et l'heure supposée, par exemple
# « jeu. 19 nov. 2026, dans la soirée, vers 20:00 ».
tx-when-vague = { $day }, { $period ->
        [morning] le matin
        [noon] à l'heure du déjeuner
        [afternoon] l'après-midi
        [dusk] en fin d'après-midi
        [evening] dans la soirée
        [night] dans la nuit
        [late] tard dans la nuit
        [dawn] au petit matin
       *[other] dans la journée
    }, vers { $time }
tx-time-vague = (Vous n'avez donné que le moment de la journée, l'heure est donc approximative. Si le relevé de paiement indique l'heure exacte, appuyez sur « Non, modifier », puis sur « La date et l'heure », et précisez-la : cela aide à retrouver le débit.)
