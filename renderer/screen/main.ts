// placeholder until the screen page lands
