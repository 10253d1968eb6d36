/* The crypto floor: opens the same sealed values Tresor opens, with libsodium and nothing
 * else. Reads the 32-byte private key as hex (KEYFILE) and lines `NAME KEYID BASE64BOX`
 * (BOXES); prints how many values opened. No YAML, no files per secret, no checks beyond
 * the box's own authentication. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc != 3 || sodium_init() < 0) return 2;
    unsigned char secret[32], public[32];
    char hex[80];
    FILE *keyfile = fopen(argv[1], "r");
    if (!keyfile || !fgets(hex, sizeof hex, keyfile)) return 2;
    fclose(keyfile);
    if (sodium_hex2bin(secret, 32, hex, 64, NULL, NULL, NULL) != 0) return 2;
    crypto_scalarmult_base(public, secret);

    FILE *boxes = fopen(argv[2], "r");
    if (!boxes) return 2;
    static char line[1 << 16];
    static unsigned char box[1 << 15], plain[1 << 15];
    int opened = 0;
    while (fgets(line, sizeof line, boxes)) {
        char *text = strrchr(line, ' ');
        if (!text) return 2;
        text++;
        size_t length = 0;
        if (sodium_base642bin(box, sizeof box, text, strcspn(text, "\n"), NULL, &length, NULL,
                              sodium_base64_VARIANT_ORIGINAL) != 0)
            return 3;
        if (crypto_box_seal_open(plain, box, length, public, secret) != 0) return 4;
        opened++;
    }
    fclose(boxes);
    sodium_memzero(secret, sizeof secret);
    printf("%d\n", opened);
    return 0;
}
