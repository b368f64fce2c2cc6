/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The "Language" preference of the Lab Handshake protocol (-o lab.language:zh_cn). */
#ifndef LAB_LANGUAGE_H
#define LAB_LANGUAGE_H

/* Registers the protocol's preferences module and the language preference on it. */
void lab_language_register(int proto);

#endif
