# Several agents' groups (teams): routing and moving a case between them.
desk-team-main = Main team
desk-team-named = { $name }
desk-button-move = ↪️ Move
desk-move-prompt = Pick the team that should take { $reference } on the card.
desk-card-waiting-team = ↪️ { $name } is moving this case: pick the team below.
desk-move-wait = { $reference } is still being posted here; move it once its card and files are in.
desk-moved = { $reference } moved to { $team }.
desk-card-moved = ↪️ Moved to { $team }: its agents handle it in their group now.
desk-case-other-team = { $reference } is with { $team } now: its agents handle it in their group.
