# Plusieurs groupes d'agents (équipes) : orientation des demandes et transfert de l'une à l'autre.
desk-team-main = Équipe principale
desk-team-named = { $name }
desk-button-move = ↪️ Transférer
desk-move-prompt = Choisissez sur la fiche l'équipe qui doit reprendre { $reference }.
desk-card-waiting-team = ↪️ { $name } transfère cette demande : choisissez l'équipe ci-dessous.
desk-move-wait = La demande { $reference } est encore en cours de publication ici ; transférez-la une fois sa fiche et ses fichiers arrivés.
desk-moved = Demande { $reference } transférée à { $team }.
desk-card-moved = ↪️ Transférée à { $team } : ses agents la traitent désormais dans leur groupe.
desk-case-other-team = La demande { $reference } est désormais suivie par { $team } : ses agents la traitent dans leur groupe.
