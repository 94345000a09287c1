"""LatentPlayground model toolchain: streaming RAVE-style autoencoder, data, training, export."""
