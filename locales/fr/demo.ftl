## La démonstration : les sources des partenaires fictifs, collectées au premier démarrage.

runs-trigger-demo = premier démarrage de la démonstration
