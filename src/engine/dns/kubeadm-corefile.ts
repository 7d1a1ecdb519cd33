/**
 * The Corefile kubeadm v1.33 writes into kube-system/coredns (cmd/kubeadm/app/phases/addons/
 * dns/manifests.go, CoreDNSConfigMap), which kind v0.29 clusters run with. `{{ .DNSDomain }}`
 * is the cluster domain. The `cache` block's `disable` lines came with kubernetes#128359.
 */
export function kubeadmCorefile(dnsDomain: string): string {
  return `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes ${dnsDomain} in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success ${dnsDomain}
       disable denial ${dnsDomain}
    }
    loop
    reload
    loadbalance
}
`;
}
