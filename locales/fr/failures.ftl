# Refund Desk — français : ce qu'on dit à la personne quand quelque chose a échoué de notre
# côté (bot/telegram/processing.py). Chaque message doit exister dans toutes les langues.

error-internal = Un problème est survenu de notre côté avec votre dernier message. Vos réponses précédentes sont bien conservées : renvoyez-le, ou poursuivez là où vous en étiez.
